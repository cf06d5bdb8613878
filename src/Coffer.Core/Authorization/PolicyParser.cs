using System.Text.Json;

namespace Coffer.Core.Authorization;

/// <summary>Turns policy JSON into a <see cref="PolicyDocument"/>, stopping at the first error.</summary>
internal static class PolicyParser
{
    private const int MaxDepth = 8;

    public static PolicyDocument? Parse(string json, PolicyKind kind, out string? error)
    {
        error = null;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            error = "not valid JSON";
            return null;
        }

        using (parsed)
        {
            try
            {
                return Document(parsed.RootElement, kind);
            }
            catch (PolicyFormatException e)
            {
                error = e.Message;
                return null;
            }
        }
    }

    private static PolicyDocument Document(JsonElement root, PolicyKind kind)
    {
        Require(root.ValueKind == JsonValueKind.Object, "the document is not a JSON object");
        string? version = null;
        PolicyStatement[]? statements = null;
        foreach (var member in Members(root, ""))
        {
            switch (member.Name)
            {
                case "Version":
                    version = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                    Require(version == "1", "Version must be \"1\"");
                    break;
                case "Statement":
                    statements = Statements(member.Value, kind);
                    break;
                case "Id":
                    Require(member.Value.ValueKind == JsonValueKind.String, "Id must be a string");
                    break;
                default:
                    throw new PolicyFormatException($"unknown member \"{member.Name}\"");
            }
        }

        Require(version is not null, "Version is missing");
        Require(statements is not null, "Statement is missing");
        return new PolicyDocument(kind, statements!);
    }

    private static PolicyStatement[] Statements(JsonElement value, PolicyKind kind)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return [Statement(value, kind, "Statement")];
        }

        Require(value.ValueKind == JsonValueKind.Array, "Statement must be an array");
        var statements = new PolicyStatement[value.GetArrayLength()];
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            statements[i] = Statement(element, kind, $"Statement[{i}]");
            i++;
        }

        return statements;
    }

    private static PolicyStatement Statement(JsonElement value, PolicyKind kind, string path)
    {
        Require(value.ValueKind == JsonValueKind.Object, $"{path} is not an object");
        PolicyEffect? effect = null;
        string[]? actions = null, resources = null, principals = null;
        bool notAction = false, notResource = false;
        var conditions = Array.Empty<PolicyCondition>();
        foreach (var member in Members(value, path))
        {
            var at = $"{path}.{member.Name}";
            switch (member.Name)
            {
                case "Sid":
                    Require(member.Value.ValueKind == JsonValueKind.String, $"{at} must be a string");
                    break;
                case "Effect":
                    effect = member.Value.ValueKind != JsonValueKind.String ? null : member.Value.GetString() switch
                    {
                        "Allow" => PolicyEffect.Allow,
                        "Deny" => PolicyEffect.Deny,
                        _ => null,
                    };
                    Require(effect is not null, $"{at} must be Allow or Deny");
                    break;
                case "Action" or "NotAction":
                    Require(actions is null, $"{path} has both Action and NotAction");
                    actions = Strings(member.Value, at);
                    notAction = member.Name == "NotAction";
                    foreach (var action in actions)
                    {
                        Require(action == "*" || action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase), $"{at} \"{action}\" does not start with kms:");
                    }

                    break;
                case "Resource" or "NotResource":
                    Require(resources is null, $"{path} has both Resource and NotResource");
                    resources = Strings(member.Value, at);
                    notResource = member.Name == "NotResource";
                    foreach (var resource in resources)
                    {
                        Require(resource == "*" || resource.StartsWith("acs:", StringComparison.Ordinal), $"{at} \"{resource}\" is not * or an ARN");
                    }

                    break;
                case "Principal":
                    Require(kind == PolicyKind.Resource, $"{at} is only allowed in key and secret policies");
                    principals = Principals(member.Value, at);
                    break;
                case "Condition":
                    conditions = Conditions(member.Value, at);
                    break;
                default:
                    throw new PolicyFormatException($"unknown member \"{at}\"");
            }
        }

        Require(effect is not null, $"{path}.Effect is missing");
        Require(actions is not null, $"{path}.Action is missing");
        Require(resources is not null, $"{path}.Resource is missing");
        Require(kind == PolicyKind.Identity || principals is not null, $"{path}.Principal is missing");
        return new PolicyStatement(effect!.Value, actions!, notAction, resources!, notResource, principals, conditions);
    }

    private static string[] Principals(JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            Require(value.GetString() == "*", $"{at} must be \"*\" or an object with RAM");
            return ["*"];
        }

        Require(value.ValueKind == JsonValueKind.Object, $"{at} must be \"*\" or an object with RAM");
        string[]? principals = null;
        foreach (var member in Members(value, at))
        {
            Require(member.Name == "RAM", $"{at}.{member.Name} is not supported (only RAM)");
            principals = Strings(member.Value, $"{at}.RAM");
        }

        Require(principals is not null, $"{at}.RAM is missing");
        for (var i = 0; i < principals!.Length; i++)
        {
            var principal = principals[i];
            if (principal.Length > 0 && !principal.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                principals[i] = $"acs:ram::{principal}:root";
                continue;
            }

            Require(principal == "*" || principal.StartsWith("acs:ram::", StringComparison.Ordinal), $"{at}.RAM \"{principal}\" is not *, an account ID or acs:ram::…");
        }

        return principals;
    }

    private static PolicyCondition[] Conditions(JsonElement value, string at)
    {
        Require(value.ValueKind == JsonValueKind.Object, $"{at} must be an object");
        var conditions = new List<PolicyCondition>();
        foreach (var op in Members(value, at))
        {
            Require(op.Name.Length > 0 && op.Value.ValueKind == JsonValueKind.Object, $"{at}.{op.Name} must be an object of condition keys");
            foreach (var key in Members(op.Value, $"{at}.{op.Name}"))
            {
                Require(key.Name.Length > 0, $"{at}.{op.Name} has an empty condition key");
                var values = Strings(key.Value, $"{at}.{op.Name}.{key.Name}", scalars: true);
                conditions.Add(PolicyCondition.Create(op.Name, key.Name, values, out var error)
                    ?? throw new PolicyFormatException($"{at}: {error}"));
            }
        }

        return [.. conditions];
    }

    /// <summary>A string or a non-empty array of strings (with <paramref name="scalars"/>, booleans and numbers too).</summary>
    private static string[] Strings(JsonElement value, string at, bool scalars = false)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var list = new string[value.GetArrayLength()];
            Require(list.Length > 0, $"{at} is an empty list");
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                list[i++] = Scalar(element, at, scalars);
            }

            return list;
        }

        return [Scalar(value, at, scalars)];
    }

    private static string Scalar(JsonElement value, string at, bool scalars)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True when scalars => "true",
            JsonValueKind.False when scalars => "false",
            JsonValueKind.Number when scalars => value.GetRawText(),
            _ => null,
        };
        Require(!string.IsNullOrEmpty(text), $"{at} must hold non-empty strings");
        return text!;
    }

    /// <summary>An object's members, refusing duplicate names (a second Effect must not silently win).</summary>
    private static List<JsonProperty> Members(JsonElement value, string at)
    {
        var members = new List<JsonProperty>();
        foreach (var member in value.EnumerateObject())
        {
            Require(!members.Exists(m => m.Name == member.Name), $"{at} repeats \"{member.Name}\"");
            members.Add(member);
        }

        return members;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new PolicyFormatException(message);
        }
    }

    private sealed class PolicyFormatException(string message) : Exception(message);
}
