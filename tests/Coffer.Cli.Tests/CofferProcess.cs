using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Coffer.Cli.Tests;

/// <summary>
/// The real <c>coffer</c> program as a child process (<c>dotnet coffer.dll ...</c>), with its stdout and stderr
/// captured line by line. Disposing kills it if it still runs, so no test leaves a server behind.
/// </summary>
public sealed class CofferProcess : IDisposable
{
    /// <summary>How long a command that should end by itself may take (the machine is shared with builds).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private TaskCompletionSource _changed = NewSignal();

    private CofferProcess(Process process) => _process = process;

    /// <summary>The coffer.dll the build copied next to the tests.</summary>
    public static string CofferDll => Path.Combine(AppContext.BaseDirectory, "coffer.dll");

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Everything written to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet coffer.dll</c> with <paramref name="arguments"/>. The child sees none of the caller's
    /// <c>COFFER_*</c> variables, only <paramref name="environment"/>, so a developer's shell cannot change a result.
    /// </summary>
    public static CofferProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // Through env(1) with SIGINT back to its default: a test host started in the background of a script inherits
        // SIGINT ignored, coffer (as .NET does) would keep ignoring it, and the SIGINT tests would wait in vain.
        // env execs dotnet, so the process id stays the child's.
        var info = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(DotnetHost());
        info.ArgumentList.Add(CofferDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("COFFER_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new CofferProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._stderr, e.Data);
        process.Exited += (_, _) => child.Signal();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command that ends by itself and returns its exit code and output.</summary>
    public static async Task<CommandResult> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var child = Start(arguments, environment, workingDirectory);
        var exitCode = await child.WaitForExitAsync(CommandTimeout);
        return new CommandResult(exitCode, child.StandardOutput, child.StandardError);
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>; fails with the output if the process ends or time runs out first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_stdout.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                if (StandardOutput.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"coffer exited with {_process.ExitCode} before printing \"{text}\".\n{Describe()}");
            }

            try
            {
                await changed.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"coffer did not print \"{text}\" within {timeout.TotalSeconds} s.\n{Describe()}");
            }
        }
    }

    /// <summary>Sends a POSIX signal (<c>TERM</c>, <c>INT</c>) with kill(1); Process.Kill would send SIGKILL.</summary>
    public async Task SendSignalAsync(string signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-" + signal);
        info.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info) ?? throw new InvalidOperationException("kill(1) did not start");
        await kill.WaitForExitAsync(CancellationToken.None);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Sends SIGKILL at once (no kill(1) round trip): the process gets no chance to flush or clean up.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It already ended; the exit code tells the caller how.
        }
    }

    /// <summary>Waits for the process to end and returns its exit code; throws if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for the end of the redirected streams, so the output is complete afterwards.
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"coffer still runs after {timeout.TotalSeconds} s.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Both streams, for failure messages.</summary>
    public string Describe() => $"--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }

        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }
}

/// <summary>What a command that ended by itself left behind.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for failure messages.</summary>
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
}
