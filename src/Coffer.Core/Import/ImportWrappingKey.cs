using Coffer.Core.Accounts;
using Coffer.Core.Keys;

namespace Coffer.Core.Import;

/// <summary>
/// The wrapping key pair one GetParametersForImport call made: stored until it expires, found again through the
/// ImportToken that names it.
/// </summary>
/// <param name="Account">Owning account.</param>
/// <param name="KeyId">The EXTERNAL key it imports into.</param>
/// <param name="Id">Its ID (a lower-case GUID), carried in the token.</param>
/// <param name="Parameters">Wrapping key spec and algorithm.</param>
/// <param name="WrappedPrivateKey">The PKCS#8 private key wrapped under the root key (<see cref="Label"/>); never the raw bytes.</param>
/// <param name="CreationDate">When it was made.</param>
/// <param name="ExpireTime">When it and its token stop being accepted.</param>
public sealed record ImportWrappingKey(
    AccountId Account,
    KeyId KeyId,
    string Id,
    WrappingParameters Parameters,
    byte[] WrappedPrivateKey,
    DateTimeOffset CreationDate,
    DateTimeOffset ExpireTime)
{
    /// <summary>The AAD of the wrapped private key.</summary>
    // Security: binds the private key to its account, key, row and parameters, so a row cannot be moved or relabelled.
    public static string Label(AccountId account, KeyId key, string id, WrappingParameters parameters) =>
        $"coffer:import-wrapping-key:v1|{account.Value}|{key.Value}|{id}|{parameters.SpecName}|{parameters.AlgorithmName}";

    /// <inheritdoc />
    public override string ToString() =>
        $"ImportWrappingKey {{ KeyId = {KeyId}, Id = {Id}, Spec = {Parameters.SpecName}, Algorithm = {Parameters.AlgorithmName}, ExpireTime = {ExpireTime:O} }}";
}
