namespace Coffer.Core.Errors;

/// <summary>
/// Every error Coffer can answer, one value per wire Code. The closed catalogue that maps each value to its wire
/// Code, HTTP status and Message lives in Coffer.Server (Errors/ErrorCatalogue.cs); Core names the condition only.
/// </summary>
public enum KmsErrorCode
{
    /// <summary>A bug. Generic message; details go to the log.</summary>
    InternalFailure,

    /// <summary>Storage, nonce or root-key provider unavailable.</summary>
    ServiceUnavailableTemporary,

    /// <summary>Unknown AccessKeyId.</summary>
    InvalidAccessKeyIdNotFound,

    /// <summary>Unknown key, or a key of another account.</summary>
    KeyNotFound,

    /// <summary>Unknown alias.</summary>
    AliasNotFound,

    /// <summary>Denied by policy.</summary>
    NoPermission,

    /// <summary>Disabled AccessKey.</summary>
    AccessKeyDisabled,

    /// <summary>HTTP method other than GET and POST.</summary>
    UnsupportedHttpMethod,

    /// <summary>Account state: invalid user id.</summary>
    UbsmsInvalidUserid,

    /// <summary>Account state: partner without KMS.</summary>
    UbsmsInvalidBid,

    /// <summary>Account has not opened the service.</summary>
    KmsServiceNotEnabled,

    /// <summary>Account state: risk control.</summary>
    ProhibitedByRiskControl,

    /// <summary>Account state: overdue debt.</summary>
    InDebtOverdue,

    /// <summary>Account state: debt.</summary>
    InDebt,

    /// <summary>The request could not be parsed.</summary>
    ParseRequestParameterException,

    /// <summary>A required parameter is absent or empty; the detail names it.</summary>
    MissingParameter,

    /// <summary>A parameter value is malformed or out of range; the detail names it.</summary>
    InvalidParameter,

    /// <summary>Signature missing, malformed or not matching.</summary>
    IncompleteSignature,

    /// <summary>Timestamp missing, unparsable or outside the window.</summary>
    IllegalTimestamp,

    /// <summary>A count quota was exceeded.</summary>
    LimitExceeded,

    /// <summary>CreateAlias of a taken name.</summary>
    AliasAlreadyExists,

    /// <summary>Imported material is invalid.</summary>
    InvalidKeyMaterial,

    /// <summary>Import token is invalid.</summary>
    InvalidImportToken,

    /// <summary>Import token is expired.</summary>
    ExpiredImportToken,

    /// <summary>The key's origin does not fit the call.</summary>
    UnsupportedOrigin,

    /// <summary>An alias was given where only a key ID or ARN is accepted.</summary>
    UnsupportedAlias,

    /// <summary>An illegal key state transition.</summary>
    StateModifiedFailed,

    /// <summary>The key is Disabled.</summary>
    KeyDisabled,

    /// <summary>The key is PendingDeletion.</summary>
    KeyPendingDeletion,

    /// <summary>The key is PendingImport.</summary>
    KeyPendingImport,

    /// <summary>Unknown or unimplemented Action.</summary>
    InvalidActionNotFound,

    /// <summary>A replayed SignatureNonce.</summary>
    SignatureNonceUsed,

    /// <summary>Unknown key version.</summary>
    KeyVersionNotFound,

    /// <summary>Unknown secret, policy or other resource.</summary>
    ResourceNotFound,

    /// <summary>The key's spec or usage does not fit the call.</summary>
    UnsupportedOperation,

    /// <summary>A name already taken.</summary>
    ResourceExist,

    /// <summary>The resource is inside its recovery window.</summary>
    ResourceInDeleteWindow,

    /// <summary>A rate limit tripped.</summary>
    Throttling,

    /// <summary>ProtectionLevel HSM.</summary>
    UnsupportedProtectionLevel,

    /// <summary>DryRun of a call that would have succeeded.</summary>
    DryRunOperationError,
}
