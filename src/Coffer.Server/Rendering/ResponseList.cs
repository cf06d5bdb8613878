namespace Coffer.Server.Rendering;

/// <summary>
/// A list wrapped as Alibaba does: JSON <c>{"Item":[...]}</c> under the field name, XML repeated <c>&lt;Item&gt;</c>
/// elements inside the field's element. Items are strings or <see cref="ResponseObject"/>s.
/// </summary>
public sealed record ResponseList(string ItemName, IReadOnlyList<object> Items);
