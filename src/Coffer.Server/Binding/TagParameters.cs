using Coffer.Core.Errors;
using Coffer.Core.Tags;

namespace Coffer.Server.Binding;

/// <summary>The tag calls' parameter forms: flattened <c>Tag.N.Key</c>/<c>Tag.N.Value</c> and <c>ResourceId.N</c>.</summary>
internal static class TagParameters
{
    /// <summary>
    /// <c>Name.N.Key</c>/<c>Name.N.Value</c> as tags, ordered by N; an absent Key is empty (and fails the tag rules), an
    /// absent Value is empty.
    /// </summary>
    public static IReadOnlyList<Tag> Tags(this ParameterReader parameters, string name) =>
        parameters.ObjectList(name)
            .Select(fields => new Tag(fields.GetValueOrDefault("Key") ?? "", fields.GetValueOrDefault("Value") ?? ""))
            .ToList();

    /// <summary>A required flattened list: <c>Name.1</c> … <c>Name.N</c>.</summary>
    /// <exception cref="KmsException">MissingParameter naming it when no item is given.</exception>
    public static IReadOnlyList<string> RequiredList(this ParameterReader parameters, string name) =>
        parameters.List(name) is { Count: > 0 } items ? items : throw KmsException.Missing(name);
}
