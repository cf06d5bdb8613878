using Coffer.Core.Errors;

namespace Coffer.Core.Keys;

/// <summary>
/// The one state-versus-action table (ALIYUN_KMS_API.md §4.3 and DECISIONS.md "Key state"): for each action group
/// and state, null when the call may proceed, else the 409 code it answers.
/// </summary>
public static class KeyTransitions
{
    private static readonly Dictionary<(KeyAction, KeyState), KmsErrorCode?> Table = Build();

    /// <summary>The error <paramref name="action"/> answers in <paramref name="state"/>, or null when allowed.</summary>
    public static KmsErrorCode? Refusal(KeyAction action, KeyState state) => Table[(action, state)];

    /// <summary>Throws the table's error for <paramref name="action"/> in <paramref name="state"/>.</summary>
    /// <exception cref="KmsException">The 409 code of the cell.</exception>
    public static void Ensure(KeyAction action, KeyState state)
    {
        if (Refusal(action, state) is { } code)
        {
            throw new KmsException(code);
        }
    }

    private static Dictionary<(KeyAction, KeyState), KmsErrorCode?> Build()
    {
        const KmsErrorCode Disabled = KmsErrorCode.KeyDisabled;
        const KmsErrorCode Pending = KmsErrorCode.KeyPendingDeletion;
        const KmsErrorCode Import = KmsErrorCode.KeyPendingImport;
        const KmsErrorCode Failed = KmsErrorCode.StateModifiedFailed;

        // Columns: Enabled, Disabled, PendingDeletion, PendingImport.
        var rows = new (KeyAction Action, KmsErrorCode?[] Cells)[]
        {
            (KeyAction.Read, [null, null, null, null]),
            (KeyAction.UseMaterial, [null, Disabled, Pending, Import]),
            (KeyAction.Modify, [null, null, Pending, null]),
            (KeyAction.EnableDisable, [null, null, Failed, Failed]),
            (KeyAction.ScheduleDeletion, [null, null, Failed, null]),
            (KeyAction.CancelDeletion, [Failed, Failed, null, Failed]),
            (KeyAction.CreateAlias, [null, null, Failed, null]),
            (KeyAction.UpdateAlias, [null, null, Pending, null]),
            (KeyAction.Rotate, [null, Disabled, Pending, Import]),
        };
        var states = new[] { KeyState.Enabled, KeyState.Disabled, KeyState.PendingDeletion, KeyState.PendingImport };
        var table = new Dictionary<(KeyAction, KeyState), KmsErrorCode?>();
        foreach (var (action, cells) in rows)
        {
            for (var i = 0; i < states.Length; i++)
            {
                table[(action, states[i])] = cells[i];
            }
        }

        return table;
    }
}
