using Coffer.Protocol.Signing;

namespace Coffer.Protocol.Tests.Signing;

public sealed class SignatureV2Tests
{
    public static TheoryData<string> VectorNames => new(SignatureVectors.V1.Select(v => v.Name));

    [Fact]
    public void Vectors_File_HoldsEveryV2Vector()
    {
        var names = SignatureVectors.V1.Select(v => v.Name).ToList();

        // Pinned so a file that silently loses vectors fails instead of running fewer cases.
        Assert.Equal(5, names.Count);
        Assert.Contains("ALIYUN-V2-EXAMPLE-1-DESCRIBEREGIONS-GET", names);
        Assert.All(SignatureVectors.V1, v => Assert.False(string.IsNullOrWhiteSpace(v.Source)));
    }

    [Fact]
    public void StringToSign_RandomParameters_EqualsTheEncodingOfTheEncodedSortedQuery()
    {
        var random = new XorShift64(0xA0761D6478BD642F);
        var failures = new List<string>();
        for (var n = 0; n < 500; n++)
        {
            var parameters = Enumerable.Range(0, (int)(random.Next() % 8))
                .Select(i => new KeyValuePair<string, string>(random.NextString() + i, random.NextString()))
                .Append(new KeyValuePair<string, string>("Signature", random.NextString()))
                .ToList();
            // The definition, step by step: encode each name and value, join sorted by name, encode the whole again.
            var canonical = string.Join('&', parameters
                .Where(p => p.Key != "Signature")
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => PercentEncoding.Encode(p.Key) + "=" + PercentEncoding.Encode(p.Value)));
            var expected = "POST&%2F&" + PercentEncoding.Encode(canonical);

            if (SignatureV2.StringToSign("post", parameters) != expected)
            {
                failures.Add(string.Join(", ", parameters.Select(p => p.Key + "=" + p.Value)));
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StringToSign_Vector_EqualsExpectedStringToSign(string name)
    {
        var vector = SignatureVectors.V1Named(name);

        var stringToSign = SignatureV2.StringToSign(vector.Method, vector.Params);

        Assert.Equal(vector.StringToSign, stringToSign);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Compute_VectorStringToSign_EqualsExpectedSignature(string name)
    {
        var vector = SignatureVectors.V1Named(name);

        var signature = SignatureV2.Compute(vector.Secret, vector.StringToSign);

        Assert.Equal(vector.Signature, signature);
    }

    [Fact]
    public void Compute_AlibabaPublishedExample_GivesPublishedSignature()
    {
        var vector = SignatureVectors.V1Named("ALIYUN-V2-EXAMPLE-1-DESCRIBEREGIONS-GET");

        var signature = SignatureV2.Compute(vector.Secret, SignatureV2.StringToSign(vector.Method, vector.Params));

        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", signature);
    }

    [Fact]
    public void StringToSign_PopCoreWireBodyParsed_VerifiesAgainstItsSignatureParameter()
    {
        // pop-core puts every parameter, Signature included, in the form body: the server's path end to end.
        var vector = SignatureVectors.V1Named("V1-ENCRYPT-POST-POPCORE-FORMAT-JSON-UPPER");
        Assert.NotNull(vector.WireBody);
        var parameters = new List<KeyValuePair<string, string>>();
        Assert.True(PercentEncoding.TryParsePairs(vector.WireBody, parameters));
        var presented = parameters.Single(p => p.Key == "Signature").Value;

        var computed = SignatureV2.Compute(vector.Secret, SignatureV2.StringToSign("POST", parameters));

        Assert.Equal(vector.Signature, presented);
        Assert.True(SignatureComparer.FixedTimeEquals(presented, computed));
    }

    [Fact]
    public void StringToSign_KmsSdkVariant_GivesStandardSignatureOfSameParams()
    {
        var vector = SignatureVectors.KmsSdk;

        var signature = SignatureV2.Compute(vector.Secret, SignatureV2.StringToSign(vector.Method, vector.Params));

        Assert.Equal(vector.StandardSignature, signature);
    }

    [Fact]
    public void StringToSign_KmsSdkVariant_IsNotWhatKmsSdkSigns()
    {
        // kms-sdk leaves ! ' ( ) * unencoded; a correct server must not reproduce that (CLIENTS.md §4.2).
        var vector = SignatureVectors.KmsSdk;

        var stringToSign = SignatureV2.StringToSign(vector.Method, vector.Params);
        var signature = SignatureV2.Compute(vector.Secret, stringToSign);

        Assert.NotEqual(vector.KmsSdkStringToSign, stringToSign);
        Assert.NotEqual(vector.KmsSdkSignature, signature);
    }

    [Fact]
    public void Compute_KmsSdkStringToSign_GivesKmsSdkSignature()
    {
        // Shows the mismatch lies in canonicalisation only: the HMAC step is the same as kms-sdk's.
        var vector = SignatureVectors.KmsSdk;

        var signature = SignatureV2.Compute(vector.Secret, vector.KmsSdkStringToSign);

        Assert.Equal(vector.KmsSdkSignature, signature);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StringToSign_SignatureParameterPresent_IsExcluded(string name)
    {
        var vector = SignatureVectors.V1Named(name);
        var withSignature = vector.Params.Append(new KeyValuePair<string, string>("Signature", vector.Signature)).ToList();

        var stringToSign = SignatureV2.StringToSign(vector.Method, withSignature);

        Assert.Equal(vector.StringToSign, stringToSign);
        Assert.DoesNotContain("Signature%3D", stringToSign, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StringToSign_ParametersInReverseOrder_SortsThem(string name)
    {
        var vector = SignatureVectors.V1Named(name);
        var reversed = vector.Params.Reverse().ToList();

        var stringToSign = SignatureV2.StringToSign(vector.Method, reversed);

        Assert.Equal(vector.StringToSign, stringToSign);
    }

    [Theory]
    [InlineData("V1-ENCRYPT-POST", "post")]
    [InlineData("V1-ENCRYPT-POST", "Post")]
    [InlineData("V1-CREATEKEY-GET-SPECIALCHARS", "get")]
    public void StringToSign_LowerCaseMethod_IsUpperCased(string name, string method)
    {
        var vector = SignatureVectors.V1Named(name);

        var stringToSign = SignatureV2.StringToSign(method, vector.Params);

        Assert.Equal(vector.StringToSign, stringToSign);
    }

    [Fact]
    public void StringToSign_SameParamsOtherMethod_GivesOtherSignature()
    {
        var vector = SignatureVectors.V1Named("V1-ENCRYPT-POST");

        var stringToSign = SignatureV2.StringToSign("GET", vector.Params);
        var signature = SignatureV2.Compute(vector.Secret, stringToSign);

        Assert.StartsWith("GET&%2F&", stringToSign, StringComparison.Ordinal);
        Assert.NotEqual(vector.Signature, signature);
    }
}
