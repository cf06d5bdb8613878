using System.CommandLine;
using Coffer.Cli.Commands;

var root = new RootCommand("Coffer: a self-hosted key management service speaking the Alibaba Cloud KMS API (2016-01-20).")
{
    ServeCommand.Create(),
    AccessKeyCommand.Create(),
    AccountCommand.Create(),
    UserCommand.Create(),
    PolicyCommand.Create(),
};

// The web host handles SIGINT/SIGTERM itself for 'serve'; System.CommandLine's own handler is turned off.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
