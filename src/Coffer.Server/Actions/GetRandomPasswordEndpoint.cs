using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Server.Binding;
using Coffer.Server.Dispatch;
using Coffer.Server.Rendering;

namespace Coffer.Server.Actions;

/// <summary>GetRandomPassword: RandomPassword.</summary>
public sealed class GetRandomPasswordEndpoint : IActionEndpoint
{
    /// <inheritdoc />
    public string Name => "GetRandomPassword";

    /// <inheritdoc />
    public Task<ResponseObject> InvokeAsync(CallContext caller, ParameterReader parameters, CancellationToken cancellationToken)
    {
        var request = new GetRandomPasswordRequest(
            parameters.OptionalInt("PasswordLength"),
            parameters.Optional("ExcludeCharacters"),
            parameters.OptionalBool("ExcludeLowercase") ?? false,
            parameters.OptionalBool("ExcludeUppercase") ?? false,
            parameters.OptionalBool("ExcludeNumbers") ?? false,
            parameters.OptionalBool("ExcludePunctuation") ?? false,
            parameters.OptionalBool("RequireEachIncludedType") ?? false);
        return Task.FromResult(new ResponseObject { { "RandomPassword", GetRandomPassword.Handle(request) } });
    }
}
