using System.Globalization;
using System.Net;
using Coffer.Core.Accounts;
using Coffer.Core.Authorization;
using static Coffer.Core.Authorization.AccessDecision;

namespace Coffer.Core.Tests.Authorization;

/// <summary>
/// The evaluator, one readable row per case: who calls, the identity policy attached (if any), the key or secret
/// policy (if any), the action, the resource, the request facts, and the decision expected.
/// </summary>
public sealed class PolicyEvaluatorTests
{
    private const string Uid = "1111111111111111";
    private const string OtherUid = "2222222222222222";
    private const string K1 = "acs:kms:cn-hangzhou:" + Uid + ":key/k1";
    private const string K2 = "acs:kms:cn-hangzhou:" + Uid + ":key/k2";
    private const string OtherK = "acs:kms:cn-hangzhou:" + OtherUid + ":key/k9";
    private const string Alias = "acs:kms:cn-hangzhou:" + Uid + ":alias/app";
    private const string Secret = "acs:kms:cn-hangzhou:" + Uid + ":secret/app/db";
    private const string Root = "acs:ram::" + Uid + ":root";
    private const string Alice = "acs:ram::" + Uid + ":user/alice";
    private const string Now = "2026-11-28T06:00:00Z";

    // Facts: "ip=<address>" (default 127.0.0.1), "ctx=k:v,k:v", "tls" (default plain HTTP).
    public static TheoryData<string, string, string?, string?, string, string, string, AccessDecision> Cases => new()
    {
        // name, caller, identity policy, key/secret policy, action, resource, facts, expected
        // The administrator: allowed in its account without identity policies; a Deny naming it still refuses.
        { "admin, no policies", "admin", null, null, "kms:Encrypt", K1, "", Allowed },
        { "admin, default key policy", "admin", null, Default, "kms:Encrypt", K1, "", Allowed },
        { "admin, Deny Encrypt naming root", "admin", null, Kp(Deny("kms:Encrypt", Root)), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny Encrypt does not touch Decrypt", "admin", null, Kp(Deny("kms:Encrypt", Root)), "kms:Decrypt", K1, "", Allowed },
        { "admin, Deny kms:* to Principal *", "admin", null, Kp(S("'Effect':'Deny','Principal':'*','Action':'kms:*','Resource':'*'")), "kms:DescribeKey", K1, "", ExplicitDeny },
        { "admin, Deny naming only alice", "admin", null, Kp(Deny("kms:*", Alice)), "kms:Encrypt", K1, "", Allowed },
        { "admin, key policy allows only alice", "admin", null, Kp(Allow("kms:*", Alice)), "kms:Encrypt", K1, "", Allowed },
        { "admin, Deny kms:Get* on GetKeyPolicy", "admin", null, Kp(Deny("kms:Get*", Root)), "kms:GetKeyPolicy", K1, "", ExplicitDeny },
        { "admin, action pattern lower case", "admin", null, Kp(Deny("kms:getkeypolicy", Root)), "kms:GetKeyPolicy", K1, "", ExplicitDeny },
        { "admin, action pattern upper case", "admin", null, Kp(Deny("KMS:ENCRYPT", Root)), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny on matching context", "admin", null, Kp(Deny("kms:Encrypt", Root, Cond("StringEquals", "kms:EncryptionContext:purpose", "secret"))), "kms:Encrypt", K1, "ctx=purpose:secret", ExplicitDeny },
        { "admin, Deny on other context value", "admin", null, Kp(Deny("kms:Encrypt", Root, Cond("StringEquals", "kms:EncryptionContext:purpose", "secret"))), "kms:Encrypt", K1, "ctx=purpose:other", Allowed },
        { "admin, Deny on context, none sent", "admin", null, Kp(Deny("kms:Encrypt", Root, Cond("StringEquals", "kms:EncryptionContext:purpose", "secret"))), "kms:Encrypt", K1, "", Allowed },
        { "admin, context key is case-sensitive", "admin", null, Kp(Deny("kms:Encrypt", Root, Cond("StringEquals", "kms:EncryptionContext:Purpose", "secret"))), "kms:Encrypt", K1, "ctx=purpose:secret", Allowed },
        { "admin, Deny outside 10/8 from loopback", "admin", null, Kp(Deny("kms:*", Root, Cond("NotIpAddress", "acs:SourceIp", "10.0.0.0/8"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny outside 127/8 from loopback", "admin", null, Kp(Deny("kms:*", Root, Cond("NotIpAddress", "acs:SourceIp", "127.0.0.0/8"))), "kms:Encrypt", K1, "", Allowed },
        { "admin, Deny from 127.0.0.1", "admin", null, Kp(Deny("kms:*", Root, Cond("IpAddress", "acs:SourceIp", "127.0.0.1"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny from 127.0.0.1, caller 10.0.0.5", "admin", null, Kp(Deny("kms:*", Root, Cond("IpAddress", "acs:SourceIp", "127.0.0.1"))), "kms:Encrypt", K1, "ip=10.0.0.5", Allowed },
        { "admin, condition key name in any case", "admin", null, Kp(Deny("kms:*", Root, Cond("IpAddress", "ACS:SOURCEIP", "127.0.0.1"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, unknown condition key fails closed in Deny", "admin", null, Kp(Deny("kms:*", Root, Cond("StringEquals", "acs:SourceVpc", "vpc-1"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, unknown operator fails closed in Deny", "admin", null, Kp(Deny("kms:*", Root, Cond("ForAnyValue:StringEquals", "kms:EncryptionContext:a", "b"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny on another key", "admin", null, Kp(S($"'Effect':'Deny','Principal':{{'RAM':['{Root}']}},'Action':'kms:*','Resource':'{K2}'")), "kms:Encrypt", K1, "", Allowed },
        { "admin, NotResource spares the named key", "admin", null, Kp(S($"'Effect':'Deny','Principal':'*','Action':'kms:*','NotResource':'{K1}'")), "kms:Encrypt", K1, "", Allowed },
        { "admin, NotResource denies the others", "admin", null, Kp(S($"'Effect':'Deny','Principal':'*','Action':'kms:*','NotResource':'{K1}'")), "kms:Encrypt", K2, "", ExplicitDeny },
        { "admin, NotAction denies other actions", "admin", null, Kp(S("'Effect':'Deny','Principal':'*','NotAction':'kms:Decrypt','Resource':'*'")), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, NotAction spares its action", "admin", null, Kp(S("'Effect':'Deny','Principal':'*','NotAction':'kms:Decrypt','Resource':'*'")), "kms:Decrypt", K1, "", Allowed },
        { "admin, Deny after a date passed", "admin", null, Kp(Deny("kms:*", Root, Cond("DateGreaterThan", "acs:CurrentTime", "2026-01-01T00:00:00Z"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny before a date passed", "admin", null, Kp(Deny("kms:*", Root, Cond("DateLessThan", "acs:CurrentTime", "2026-01-01T00:00:00Z"))), "kms:Encrypt", K1, "", Allowed },
        { "admin, Deny without TLS, plain call", "admin", null, Kp(Deny("kms:*", Root, Cond("Bool", "acs:SecureTransport", "false"))), "kms:Encrypt", K1, "", ExplicitDeny },
        { "admin, Deny without TLS, TLS call", "admin", null, Kp(Deny("kms:*", Root, Cond("Bool", "acs:SecureTransport", "false"))), "kms:Encrypt", K1, "tls", Allowed },
        { "admin, Deny with one false condition", "admin", null, Kp(Deny("kms:*", Root, Cond("IpAddress", "acs:SourceIp", "127.0.0.1")[..^1] + "," + Cond("StringEquals", "kms:EncryptionContext:a", "b")[1..])), "kms:Encrypt", K1, "", Allowed },
        { "admin, another account's key", "admin", null, null, "kms:Encrypt", OtherK, "", ImplicitDeny },
        { "admin, another account's key allowing it", "admin", null, Kp(Allow("kms:Encrypt", Root)), "kms:Encrypt", OtherK, "", Allowed },
        { "admin, resource * is its own account", "admin", null, null, "kms:ListKeys", "*", "", Allowed },

        // A user of the account: needs an Allow from an identity policy or from the key policy naming it.
        { "user, no policies", "alice", null, null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, default key policy names only root", "alice", null, Default, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, identity Allow Encrypt on *", "alice", Ip(Allow("kms:Encrypt")), Default, "kms:Encrypt", K1, "", Allowed },
        { "user, identity Allow Encrypt, asks Decrypt", "alice", Ip(Allow("kms:Encrypt")), Default, "kms:Decrypt", K1, "", ImplicitDeny },
        { "user, identity Allow on key/* pattern", "alice", Ip(Allow("kms:*", resource: "acs:kms:*:" + Uid + ":key/*")), null, "kms:Encrypt", K1, "", Allowed },
        { "user, identity Allow on key/k2 only", "alice", Ip(Allow("kms:*", resource: K2)), null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, ? matches one character", "alice", Ip(Allow("kms:*", resource: "acs:kms:cn-hangzhou:" + Uid + ":key/k?")), null, "kms:Encrypt", K1, "", Allowed },
        { "user, ? does not match two", "alice", Ip(Allow("kms:*", resource: "acs:kms:cn-hangzhou:" + Uid + ":key/?")), null, "kms:Encrypt", "acs:kms:cn-hangzhou:" + Uid + ":key/k12", "", ImplicitDeny },
        { "user, Allow kms:Get* on GetKeyPolicy", "alice", Ip(Allow("kms:Get*")), null, "kms:GetKeyPolicy", K1, "", Allowed },
        { "user, Allow action *", "alice", Ip(Allow("*")), null, "kms:ScheduleKeyDeletion", K1, "", Allowed },
        { "user, identity Allow and Deny", "alice", Ip(Allow("kms:*"), Deny("kms:Encrypt")), null, "kms:Encrypt", K1, "", ExplicitDeny },
        { "user, identity Allow, key policy Deny alice", "alice", Ip(Allow("kms:*")), Kp(Deny("kms:Encrypt", Alice)), "kms:Encrypt", K1, "", ExplicitDeny },
        { "user, identity Allow, key policy Deny bob", "alice", Ip(Allow("kms:*")), Kp(Deny("kms:Encrypt", "acs:ram::" + Uid + ":user/bob")), "kms:Encrypt", K1, "", Allowed },
        { "user, key policy Allow alice alone suffices", "alice", null, Kp(Allow("kms:Encrypt", Alice)), "kms:Encrypt", K1, "", Allowed },
        { "user, key policy Allow user/*", "alice", null, Kp(Allow("kms:Encrypt", "acs:ram::" + Uid + ":user/*")), "kms:Encrypt", K1, "", Allowed },
        { "user, key policy Allow Principal *", "alice", null, Kp(S("'Effect':'Allow','Principal':'*','Action':'kms:Encrypt','Resource':'*'")), "kms:Encrypt", K1, "", Allowed },
        { "user, key policy Allow alice Encrypt, asks Decrypt", "alice", null, Kp(Allow("kms:Encrypt", Alice)), "kms:Decrypt", K1, "", ImplicitDeny },
        { "user, Allow with matching context", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEquals", "kms:EncryptionContext:app", "web"))), null, "kms:Encrypt", K1, "ctx=app:web", Allowed },
        { "user, Allow with other context", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEquals", "kms:EncryptionContext:app", "web"))), null, "kms:Encrypt", K1, "ctx=app:db", ImplicitDeny },
        { "user, Allow with context, none sent", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEquals", "kms:EncryptionContext:app", "web"))), null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, values are alternatives", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEquals", "kms:EncryptionContext:app", "web", "db"))), null, "kms:Encrypt", K1, "ctx=app:db", Allowed },
        { "user, StringLike app-*", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringLike", "kms:EncryptionContext:app", "app-*"))), null, "kms:Encrypt", K1, "ctx=app:app-17", Allowed },
        { "user, StringNotLike app-*", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringNotLike", "kms:EncryptionContext:app", "app-*"))), null, "kms:Encrypt", K1, "ctx=app:app-17", ImplicitDeny },
        { "user, StringNotEquals other value", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringNotEquals", "kms:EncryptionContext:env", "prod"))), null, "kms:Encrypt", K1, "ctx=env:dev", Allowed },
        { "user, StringNotEquals same value", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringNotEquals", "kms:EncryptionContext:env", "prod"))), null, "kms:Encrypt", K1, "ctx=env:prod", ImplicitDeny },
        { "user, StringEqualsIgnoreCase", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEqualsIgnoreCase", "kms:EncryptionContext:env", "PROD"))), null, "kms:Encrypt", K1, "ctx=env:prod", Allowed },
        { "user, StringEquals is case-sensitive", "alice", Ip(Allow("kms:Encrypt", cond: Cond("StringEquals", "kms:EncryptionContext:env", "PROD"))), null, "kms:Encrypt", K1, "ctx=env:prod", ImplicitDeny },
        { "user, unknown condition key never allows", "alice", Ip(Allow("kms:*", cond: Cond("StringEquals", "acs:SourceVpc", "vpc-1"))), null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, unknown operator never allows", "alice", Ip(Allow("kms:*", cond: Cond("StringEqualsIfExists", "kms:EncryptionContext:a", "b"))), null, "kms:Encrypt", K1, "ctx=a:b", ImplicitDeny },
        { "user, IpAddress 127/8 from loopback", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "127.0.0.0/8"))), null, "kms:Encrypt", K1, "", Allowed },
        { "user, IpAddress 127/8 from 10.1.2.3", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "127.0.0.0/8"))), null, "kms:Encrypt", K1, "ip=10.1.2.3", ImplicitDeny },
        { "user, IpAddress /20 boundary inside", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "192.168.16.0/20"))), null, "kms:Encrypt", K1, "ip=192.168.31.255", Allowed },
        { "user, IpAddress /20 boundary outside", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "192.168.16.0/20"))), null, "kms:Encrypt", K1, "ip=192.168.32.0", ImplicitDeny },
        { "user, IPv6 ::1", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "::1/128"))), null, "kms:Encrypt", K1, "ip=::1", Allowed },
        { "user, IPv4-mapped IPv6 caller", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "127.0.0.1/32"))), null, "kms:Encrypt", K1, "ip=::ffff:127.0.0.1", Allowed },
        { "user, IPv4 range, IPv6 caller", "alice", Ip(Allow("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "127.0.0.1/32"))), null, "kms:Encrypt", K1, "ip=::1", ImplicitDeny },
        { "user, DateLessThan in the future", "alice", Ip(Allow("kms:*", cond: Cond("DateLessThan", "acs:CurrentTime", "2027-01-01T00:00:00Z"))), null, "kms:Encrypt", K1, "", Allowed },
        { "user, DateGreaterThan in the future", "alice", Ip(Allow("kms:*", cond: Cond("DateGreaterThan", "acs:CurrentTime", "2027-01-01T00:00:00Z"))), null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, DateGreaterThanEquals now", "alice", Ip(Allow("kms:*", cond: Cond("DateGreaterThanEquals", "acs:CurrentTime", Now))), null, "kms:Encrypt", K1, "", Allowed },
        { "user, DateLessThanEquals with offset", "alice", Ip(Allow("kms:*", cond: Cond("DateLessThanEquals", "acs:CurrentTime", "2026-11-28T14:00:00+08:00"))), null, "kms:Encrypt", K1, "", Allowed },
        { "user, Bool SecureTransport true, plain", "alice", Ip(Allow("kms:*", cond: Cond("Bool", "acs:SecureTransport", "true"))), null, "kms:Encrypt", K1, "", ImplicitDeny },
        { "user, Bool SecureTransport true, TLS", "alice", Ip(Allow("kms:*", cond: Cond("Bool", "acs:SecureTransport", "true"))), null, "kms:Encrypt", K1, "tls", Allowed },
        { "user, Deny whose condition is false", "alice", Ip(Allow("kms:*"), Deny("kms:*", cond: Cond("IpAddress", "acs:SourceIp", "10.0.0.0/8"))), null, "kms:Encrypt", K1, "", Allowed },
        { "user, alias ARN pattern", "alice", Ip(Allow("kms:CreateAlias", resource: "acs:kms:*:" + Uid + ":alias/*")), null, "kms:CreateAlias", Alias, "", Allowed },
        { "user, secret name pattern", "alice", Ip(Allow("kms:GetSecretValue", resource: "acs:kms:*:*:secret/app/*")), null, "kms:GetSecretValue", Secret, "", Allowed },
        { "user, secret policy Deny", "alice", Ip(Allow("kms:*")), Kp(Deny("kms:GetSecretValue", Alice)), "kms:GetSecretValue", Secret, "", ExplicitDeny },
        { "user, key-only grant does not cover *", "alice", Ip(Allow("kms:Decrypt", resource: "acs:kms:*:*:key/*")), null, "kms:Decrypt", "*", "", ImplicitDeny },
        { "user, second identity policy allows", "alice", Ip(Allow("kms:Decrypt")) + "|" + Ip(Allow("kms:Encrypt")), null, "kms:Encrypt", K1, "", Allowed },
        { "user, another account's key, identity only", "alice", Ip(Allow("kms:*")), null, "kms:Encrypt", OtherK, "", ImplicitDeny },
        { "user, another account's key, both allow", "alice", Ip(Allow("kms:*")), Kp(Allow("kms:Encrypt", Alice)), "kms:Encrypt", OtherK, "", Allowed },
        { "user, another account's key, key policy only", "alice", null, Kp(Allow("kms:Encrypt", Alice)), "kms:Encrypt", OtherK, "", ImplicitDeny },
    };

    private static string Default => Kp(Allow("kms:*", Root));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Case_GivesExpectedDecision(
        string name, string caller, string? identity, string? resourcePolicy, string action, string resource, string facts, AccessDecision expected)
    {
        var request = Request(caller, action, resource, facts);
        var identities = identity is null
            ? []
            : identity.Split('|').Select(p => PolicyDocument.Parse(p, PolicyKind.Identity)).ToArray();
        var keyPolicy = resourcePolicy is null ? null : PolicyDocument.Parse(resourcePolicy, PolicyKind.Resource);

        var decision = PolicyEvaluator.Evaluate(request, identities, keyPolicy);

        Assert.True(expected == decision, $"{name}: expected {expected}, got {decision}");
    }

    [Fact]
    public void Cases_AreAtLeastFifty() => Assert.True(Cases.Count >= 50);

    private static AccessRequest Request(string caller, string action, string resource, string facts)
    {
        var principal = caller == "admin"
            ? AccessPrincipal.Administrator(new AccountId(Uid))
            : AccessPrincipal.User(new AccountId(Uid), caller);
        var ip = IPAddress.Loopback;
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var tls = false;
        foreach (var fact in facts.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (fact.StartsWith("ip=", StringComparison.Ordinal))
            {
                ip = IPAddress.Parse(fact[3..]);
            }
            else if (fact.StartsWith("ctx=", StringComparison.Ordinal))
            {
                foreach (var pair in fact[4..].Split(','))
                {
                    context[pair[..pair.IndexOf(':', StringComparison.Ordinal)]] = pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
                }
            }
            else
            {
                tls = fact == "tls";
            }
        }

        return new AccessRequest(action, resource, principal, ip, DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture), tls, context);
    }

    /// <summary>A document from single-quoted JSON (rows read better without escaped quotes).</summary>
    private static string Doc(params string[] statements) =>
        ("{'Version':'1','Statement':[" + string.Join(",", statements) + "]}").Replace('\'', '"');

    private static string Kp(params string[] statements) => Doc(statements);

    private static string Ip(params string[] statements) => Doc(statements);

    private static string S(string body) => "{" + body + "}";

    private static string Allow(string action, string? principal = null, string cond = "", string resource = "*") =>
        Statement("Allow", action, principal, cond, resource);

    private static string Deny(string action, string? principal = null, string cond = "", string resource = "*") =>
        Statement("Deny", action, principal, cond, resource);

    private static string Statement(string effect, string action, string? principal, string cond, string resource) =>
        S($"'Effect':'{effect}','Action':['{action}'],'Resource':['{resource}']"
            + (principal is null ? "" : $",'Principal':{{'RAM':['{principal}']}}")
            + (cond.Length == 0 ? "" : $",'Condition':{cond}"));

    private static string Cond(string op, string key, params string[] values) =>
        $"{{'{op}':{{'{key}':[{string.Join(",", values.Select(v => $"'{v}'"))}]}}}}";
}
