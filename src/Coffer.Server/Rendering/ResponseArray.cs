namespace Coffer.Server.Rendering;

/// <summary>
/// A bare list (BatchGetSecretValue's <c>SecretValues</c> and <c>Errors</c>): a JSON array under the field name; in XML
/// the field's element repeats once per item.
/// </summary>
public sealed record ResponseArray(IReadOnlyList<ResponseObject> Items);
