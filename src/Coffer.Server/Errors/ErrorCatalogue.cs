using Coffer.Core.Errors;

namespace Coffer.Server.Errors;

/// <summary>
/// The closed error catalogue: every <see cref="KmsErrorCode"/> with its wire Code, HTTP status and Message, as the
/// seed's table and DECISIONS.md give them (Messages byte for byte). docs/errors.md is generated from this table.
/// </summary>
public static class ErrorCatalogue
{
    /// <summary>The catalogue row of <paramref name="code"/>.</summary>
    public static ErrorEntry Entry(KmsErrorCode code) => code switch
    {
        KmsErrorCode.InternalFailure => new("InternalFailure", 500, "Internal Failure."),
        KmsErrorCode.ServiceUnavailableTemporary => new("ServiceUnavailableTemporary", 503, "Service Unavailable Temporary."),
        KmsErrorCode.InvalidAccessKeyIdNotFound => new("InvalidAccessKeyId.NotFound", 404, "The AccessKey ID provided does not exist in our records."),
        KmsErrorCode.KeyNotFound => new("Forbidden.KeyNotFound", 404, "The specified Key is not found."),
        KmsErrorCode.AliasNotFound => new("Forbidden.AliasNotFound", 404, "The specified Alias is not found."),
        KmsErrorCode.NoPermission => new("Forbidden.NoPermission", 403, "This operation is forbidden by permission system."),
        KmsErrorCode.AccessKeyDisabled => new("Forbidden.AccessKey", 403, "This AccessKey is not enabled."),
        KmsErrorCode.UnsupportedHttpMethod => new("UnsupportedHTTPMethod", 403, "This http method is not supported."),
        KmsErrorCode.UbsmsInvalidUserid => new("Forbidden.UbsmsInvalidUserid", 403, "Userid Invalid For Ubsms."),
        KmsErrorCode.UbsmsInvalidBid => new("Forbidden.UbsmsInvalidBid", 403, "Your account partner does not have KMS Service."),
        KmsErrorCode.KmsServiceNotEnabled => new(
            "Forbidden.KmsServiceNotEnabled", 403, "Kms service is not Enabled for current user. Please get access permission first."),
        KmsErrorCode.ProhibitedByRiskControl => new("Forbidden.ProhibitedByRiskControl", 403, "Current user is Prohibited By Risk Control."),
        KmsErrorCode.InDebtOverdue => new("Forbidden.InDebtOverdue", 403, "Current user is indebted Overdue."),
        KmsErrorCode.InDebt => new("Forbidden.InDebt", 403, "Current user is indebted."),
        KmsErrorCode.ParseRequestParameterException => new(
            "ParseRequestParameterException", 400, "Server parse parameters exception. Please check your input params."),
        KmsErrorCode.MissingParameter => new("MissingParameter", 400, "The parameter \"{0}\" is needed but not provided."),
        KmsErrorCode.InvalidParameter => new("InvalidParameter", 400, "The specified parameter \"{0}\" is not valid."),
        KmsErrorCode.IncompleteSignature => new("IncompleteSignature", 400, "The request signature does not conform to Alibaba Cloud standards."),
        KmsErrorCode.IllegalTimestamp => new(
            "IllegalTimestamp", 400, "The input parameter \"Timestamp\" that is required for processing this request is not supplied."),
        KmsErrorCode.LimitExceeded => new("Rejected.LimitExceeded", 400, "The request was rejected because user create resource limit was exceeded."),
        KmsErrorCode.AliasAlreadyExists => new("AliasAlreadyExists", 400, "AliasName Already Exists."),
        KmsErrorCode.InvalidKeyMaterial => new("InvalidKeyMaterial", 400, "key material is invalid."),
        KmsErrorCode.InvalidImportToken => new("InvalidImportToken", 400, "import token is invalid."),
        KmsErrorCode.ExpiredImportToken => new("ExpiredImportToken", 400, "import token is expired."),
        KmsErrorCode.UnsupportedOrigin => new("Unsupported.Origin", 400, "This key origin is not valid for this api."),
        KmsErrorCode.UnsupportedAlias => new("Unsupported.Alias", 400, "Alias is not valid for this api."),
        KmsErrorCode.StateModifiedFailed => new("Rejected.StateModifiedFailed", 409, "Keystate modified failed."),
        KmsErrorCode.KeyDisabled => new("Rejected.Disabled", 409, "The request was rejected because the key state is Disabled."),
        KmsErrorCode.KeyPendingDeletion => new(
            "Rejected.PendingDeletion", 409, "The request was rejected because the key state is PendingDeletion."),
        KmsErrorCode.KeyPendingImport => new("Rejected.PendingImport", 409, "The request was rejected because the key state is PendingImport."),
        KmsErrorCode.InvalidActionNotFound => new("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method."),
        KmsErrorCode.SignatureNonceUsed => new("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
        KmsErrorCode.KeyVersionNotFound => new("Forbidden.KeyVersionNotFound", 404, "The specified KeyVersion is not found."),
        KmsErrorCode.ResourceNotFound => new("Forbidden.ResourceNotFound", 404, "The specified resource is not found."),
        KmsErrorCode.UnsupportedOperation => new(
            "Rejected.UnsupportedOperation", 400, "The request was rejected because the operation is not supported."),
        KmsErrorCode.ResourceExist => new("Rejected.ResourceExist", 409, "The request was rejected because the resource already exists."),
        KmsErrorCode.ResourceInDeleteWindow => new(
            "Rejected.ResourceInDeleteWindow", 409, "The request was rejected because the resource is pending deletion."),
        KmsErrorCode.Throttling => new("Rejected.Throttling", 429, "QPS Limit Exceeded"),
        KmsErrorCode.UnsupportedProtectionLevel => new("Unsupported.ProtectionLevel", 400, "This protection level is not supported."),
        KmsErrorCode.DryRunOperationError => new(
            "DryRunOperationError", 400, "The request would have succeeded, but the DryRun flag is set."),
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    /// <summary>Codes the seed misspells; Coffer sends the correct spelling (docs/errors.md lists both).</summary>
    public static IReadOnlyDictionary<string, string> SeedSpellings { get; } = new Dictionary<string, string>
    {
        ["SerivceUnavailableTemporary"] = "ServiceUnavailableTemporary",
        ["Rejetced.PendingDeletion"] = "Rejected.PendingDeletion",
    };

    /// <summary>
    /// The Message for <paramref name="code"/>: the template filled with the parameter name for Missing/InvalidParameter,
    /// the seed text plus the string to sign for a signature mismatch, the bare text otherwise.
    /// </summary>
    public static string Message(KmsErrorCode code, string? detail)
    {
        var entry = Entry(code);
        return code switch
        {
            KmsErrorCode.MissingParameter or KmsErrorCode.InvalidParameter =>
                string.Format(System.Globalization.CultureInfo.InvariantCulture, entry.Message, detail ?? ""),
            KmsErrorCode.IncompleteSignature when detail is not null => entry.Message + " server string to sign is:" + detail,
            _ => entry.Message,
        };
    }
}
