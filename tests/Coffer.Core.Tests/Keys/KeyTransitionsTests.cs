using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Operations;
using Coffer.Core.Requests;
using Coffer.Core.Tags;
using Coffer.Core.Tests.Operations;
using static Coffer.Core.Tests.Operations.KmsHarness;

namespace Coffer.Core.Tests.Keys;

/// <summary>
/// ALIYUN_KMS_API.md §4.3 written out independently of <see cref="KeyTransitions"/>, and walked cell by cell through
/// the real operations on keys driven into each state.
/// </summary>
public sealed class KeyTransitionsTests
{
    private const KmsErrorCode Disabled = KmsErrorCode.KeyDisabled;
    private const KmsErrorCode Pending = KmsErrorCode.KeyPendingDeletion;
    private const KmsErrorCode Import = KmsErrorCode.KeyPendingImport;
    private const KmsErrorCode Failed = KmsErrorCode.StateModifiedFailed;

    private static readonly KeyState[] Columns = [KeyState.Enabled, KeyState.Disabled, KeyState.PendingDeletion, KeyState.PendingImport];

    // §4.3 and DECISIONS.md "Key state"; null is OK. Columns: Enabled, Disabled, PendingDeletion, PendingImport.
    private static readonly Dictionary<KeyAction, KmsErrorCode?[]> Expected = new()
    {
        [KeyAction.Read] = [null, null, null, null],
        [KeyAction.UseMaterial] = [null, Disabled, Pending, Import],
        [KeyAction.Modify] = [null, null, Pending, null],
        [KeyAction.EnableDisable] = [null, null, Failed, Failed],
        [KeyAction.ScheduleDeletion] = [null, null, Failed, null],
        [KeyAction.CancelDeletion] = [Failed, Failed, null, Failed],
        [KeyAction.CreateAlias] = [null, null, Failed, null],
        [KeyAction.UpdateAlias] = [null, null, Pending, null],
        [KeyAction.Rotate] = [null, Disabled, Pending, Import],
    };

    /// <summary>Every implemented operation that takes a key, with the row of the table it belongs to.</summary>
    private static readonly Dictionary<string, (KeyAction Row, Func<KmsHarness, Subject, Task> Call)> Operations = new()
    {
        ["DescribeKey"] = (KeyAction.Read, (kms, s) => kms.Get<DescribeKey>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["DescribeKeyVersion"] = (KeyAction.Read, (kms, s) => kms.Get<DescribeKeyVersion>().HandleAsync(
            kms.Caller, new DescribeKeyVersionRequest(s.KeyId, s.VersionId), Ct)),
        ["ListKeyVersions"] = (KeyAction.Read, (kms, s) => kms.Get<ListKeyVersions>().HandleAsync(
            kms.Caller, new ListKeyVersionsRequest(s.KeyId, null, null), Ct)),
        ["GetKeyPolicy"] = (KeyAction.Read, (kms, s) => kms.Get<GetKeyPolicy>().HandleAsync(kms.Caller, new GetKeyPolicyRequest(s.KeyId, null), Ct)),
        ["Encrypt"] = (KeyAction.UseMaterial, (kms, s) => kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest(s.KeyId, "text", EncryptionContext.None, DryRun: false), Ct)),
        ["Decrypt"] = (KeyAction.UseMaterial, (kms, s) => kms.Get<Decrypt>().HandleAsync(
            kms.Caller, new DecryptRequest(s.Blob, EncryptionContext.None, DryRun: false), Ct)),
        ["GenerateDataKey"] = (KeyAction.UseMaterial, (kms, s) => kms.Get<GenerateDataKey>().HandleAsync(
            kms.Caller, new GenerateDataKeyRequest(s.KeyId, null, null, EncryptionContext.None, DryRun: false), Ct)),
        ["UpdateKeyDescription"] = (KeyAction.Modify, (kms, s) => kms.Get<UpdateKeyDescription>().HandleAsync(
            kms.Caller, new UpdateKeyDescriptionRequest(s.KeyId, "new"), Ct)),
        ["SetKeyPolicy"] = (KeyAction.Modify, (kms, s) => kms.Get<SetKeyPolicy>().HandleAsync(
            kms.Caller, new SetKeyPolicyRequest(s.KeyId, "{\"Version\":\"1\",\"Statement\":[]}", null), Ct)),
        ["SetDeletionProtection"] = (KeyAction.Modify, (kms, s) => kms.Get<SetDeletionProtection>().HandleAsync(
            kms.Caller, new SetDeletionProtectionRequest(s.KeyId, EnableDeletionProtection: false, null), Ct)),
        ["EnableKey"] = (KeyAction.EnableDisable, (kms, s) => kms.Get<EnableKey>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["DisableKey"] = (KeyAction.EnableDisable, (kms, s) => kms.Get<DisableKey>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["ScheduleKeyDeletion"] = (KeyAction.ScheduleDeletion, (kms, s) => kms.Get<ScheduleKeyDeletion>().HandleAsync(
            kms.Caller, new ScheduleKeyDeletionRequest(s.KeyId, 7), Ct)),
        ["CancelKeyDeletion"] = (KeyAction.CancelDeletion, (kms, s) => kms.Get<CancelKeyDeletion>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["ListAliasesByKeyId"] = (KeyAction.Read, (kms, s) => kms.Get<ListAliasesByKeyId>().HandleAsync(
            kms.Caller, new ListAliasesByKeyIdRequest(s.KeyId, null, null), Ct)),
        ["ListResourceTags"] = (KeyAction.Read, (kms, s) => kms.Get<ListResourceTags>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["DeleteAlias"] = (KeyAction.Read, (kms, s) => kms.Get<DeleteAlias>().HandleAsync(kms.Caller, s.OwnAlias, Ct)),
        ["ReEncrypt (source)"] = (KeyAction.UseMaterial, (kms, s) => kms.Get<ReEncrypt>().HandleAsync(
            kms.Caller, new ReEncryptRequest(s.Blob, EncryptionContext.None, s.EnabledKeyId, EncryptionContext.None, DryRun: false), Ct)),
        ["ReEncrypt (destination)"] = (KeyAction.UseMaterial, (kms, s) => kms.Get<ReEncrypt>().HandleAsync(
            kms.Caller, new ReEncryptRequest(s.EnabledBlob, EncryptionContext.None, s.KeyId, EncryptionContext.None, DryRun: false), Ct)),
        ["TagResource"] = (KeyAction.Modify, (kms, s) => kms.Get<TagResource>().HandleAsync(
            kms.Caller, new TagResourceRequest(s.KeyId, [new Tag("team", "a")]), Ct)),
        ["UntagResource"] = (KeyAction.Modify, (kms, s) => kms.Get<UntagResource>().HandleAsync(
            kms.Caller, new UntagResourceRequest(s.KeyId, ["team"]), Ct)),
        ["CreateAlias"] = (KeyAction.CreateAlias, (kms, s) => kms.Get<CreateAlias>().HandleAsync(
            kms.Caller, new CreateAliasRequest("alias/new-" + Guid.NewGuid().ToString("N"), s.KeyId), Ct)),
        ["UpdateAlias"] = (KeyAction.UpdateAlias, (kms, s) => kms.Get<UpdateAlias>().HandleAsync(
            kms.Caller, new UpdateAliasRequest(s.OtherAlias, s.KeyId), Ct)),
        ["CreateKeyVersion"] = (KeyAction.Rotate, (kms, s) => kms.Get<CreateKeyVersion>().HandleAsync(kms.Caller, s.KeyId, Ct)),
        ["UpdateRotationPolicy"] = (KeyAction.Rotate, (kms, s) => kms.Get<UpdateRotationPolicy>().HandleAsync(
            kms.Caller, new UpdateRotationPolicyRequest(s.KeyId, EnableAutomaticRotation: true, "30d"), Ct)),
    };

    public static TheoryData<string, KeyState> Cells
    {
        get
        {
            var cells = new TheoryData<string, KeyState>();
            foreach (var operation in Operations.Keys)
            {
                foreach (var state in Columns)
                {
                    cells.Add(operation, state);
                }
            }

            return cells;
        }
    }

    [Fact]
    public void Refusal_EveryCell_IsTheSpecTables()
    {
        foreach (var action in Enum.GetValues<KeyAction>())
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                Assert.True(
                    Expected[action][i] == KeyTransitions.Refusal(action, Columns[i]),
                    $"{action} in {Columns[i]}: expected {Expected[action][i]?.ToString() ?? "OK"}, table says {KeyTransitions.Refusal(action, Columns[i])?.ToString() ?? "OK"}");
            }
        }
    }

    [Fact]
    public void Ensure_EveryCell_ThrowsExactlyTheRefusal()
    {
        foreach (var action in Enum.GetValues<KeyAction>())
        {
            foreach (var state in Columns)
            {
                var error = Record.Exception(() => KeyTransitions.Ensure(action, state));

                Assert.Equal(KeyTransitions.Refusal(action, state), (error as KmsException)?.Code);
                Assert.True(error is null or KmsException, $"{action} in {state}: {error}");
            }
        }
    }

    [Fact]
    public void Operations_CoverEveryRow()
    {
        var covered = Operations.Values.Select(o => o.Row).ToHashSet();

        Assert.Equal(Enum.GetValues<KeyAction>().Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Operation_KeyInState_SucceedsOrAnswersTheCellsCode(string operation, KeyState state)
    {
        await using var kms = await CreateAsync();
        var subject = await SubjectInAsync(kms, state);
        var (row, call) = Operations[operation];
        var expected = Expected[row][Array.IndexOf(Columns, state)];

        var error = await Record.ExceptionAsync(() => call(kms, subject));

        Assert.True(error is null or KmsException, $"{operation} in {state} threw {error}");
        Assert.True(
            expected == (error as KmsException)?.Code,
            $"{operation} in {state}: expected {expected?.ToString() ?? "success"}, got {(error as KmsException)?.Code.ToString() ?? "success"}");
    }

    /// <summary>
    /// A key in <paramref name="state"/>, with a blob sealed and an alias made while it was Enabled, next to an Enabled key
    /// with its own blob and alias. Enabled, Disabled and PendingDeletion are
    /// reached through the real operations; PendingImport cannot be until import exists, so that state is written
    /// straight to the store (and the pure table tests above walk its column through KeyTransitions as well).
    /// </summary>
    private static async Task<Subject> SubjectInAsync(KmsHarness kms, KeyState state)
    {
        var key = await kms.CreateKeyAsync();
        var blob = await SealAsync(kms, key);
        var ownAlias = await NewAliasAsync(kms, key);
        var enabled = await kms.CreateKeyAsync();
        var enabledBlob = await SealAsync(kms, enabled);
        var otherAlias = await NewAliasAsync(kms, enabled);
        switch (state)
        {
            case KeyState.Disabled:
                key = await kms.Get<DisableKey>().HandleAsync(kms.Caller, key.Id.Value, Ct);
                break;
            case KeyState.PendingDeletion:
                key = await kms.Get<ScheduleKeyDeletion>().HandleAsync(kms.Caller, new ScheduleKeyDeletionRequest(key.Id.Value, 7), Ct);
                break;
            case KeyState.PendingImport:
                Assert.True(await kms.Keys.TryUpdateAsync(key with { State = KeyState.PendingImport }, key.Revision, Ct));
                key = (await kms.Keys.FindAsync(kms.Caller.Account, key.Id, Ct))!;
                break;
        }

        Assert.Equal(state, key.State);
        return new Subject(key.Id.Value, key.PrimaryVersion.Value, blob, ownAlias, enabled.Id.Value, enabledBlob, otherAlias);
    }

    private static async Task<string> SealAsync(KmsHarness kms, Key key) =>
        Convert.ToBase64String((await kms.Get<Encrypt>().HandleAsync(
            kms.Caller, new EncryptRequest(key.Id.Value, "sealed", EncryptionContext.None, false), Ct)).CiphertextBlob);

    private static async Task<string> NewAliasAsync(KmsHarness kms, Key key)
    {
        var name = "alias/k-" + Guid.NewGuid().ToString("N");
        await kms.Get<CreateAlias>().HandleAsync(kms.Caller, new CreateAliasRequest(name, key.Id.Value), Ct);
        return name;
    }

    /// <summary>
    /// What the operations are called with: the key in the state under test, its version, a blob it sealed and an alias
    /// naming it; and an Enabled key with a blob and an alias of its own.
    /// </summary>
    public sealed record Subject(
        string KeyId, string VersionId, string Blob, string OwnAlias, string EnabledKeyId, string EnabledBlob, string OtherAlias);
}
