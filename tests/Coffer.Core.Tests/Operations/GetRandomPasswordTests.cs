using Coffer.Core.Errors;
using Coffer.Core.Operations;

namespace Coffer.Core.Tests.Operations;

public sealed class GetRandomPasswordTests
{
    [Fact]
    public void GetRandomPassword_Defaults_32CharactersOfPrintableAscii()
    {
        var password = GetRandomPassword.Handle(new GetRandomPasswordRequest());

        Assert.Equal(32, password.Length);
        Assert.All(password, c => Assert.InRange(c, '!', '~'));
    }

    [Fact]
    public void GetRandomPassword_Exclusions_NeverDrawn()
    {
        for (var i = 0; i < 50; i++)
        {
            var password = GetRandomPassword.Handle(new GetRandomPasswordRequest(
                128, ExcludeCharacters: "abc", ExcludeUppercase: true, ExcludePunctuation: true));

            Assert.All(password, c => Assert.True(char.IsAsciiDigit(c) || (char.IsAsciiLetterLower(c) && c > 'c'), $"unexpected {c}"));
        }
    }

    [Fact]
    public void GetRandomPassword_RequireEachIncludedType_EveryClassPresent()
    {
        for (var i = 0; i < 100; i++)
        {
            var password = GetRandomPassword.Handle(new GetRandomPasswordRequest(8, RequireEachIncludedType: true));

            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, c => GetRandomPassword.Punctuation.Contains(c, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public void GetRandomPassword_LengthOutOfRange_ThrowsInvalidParameter(int length)
    {
        var error = Assert.Throws<KmsException>(() => GetRandomPassword.Handle(new GetRandomPasswordRequest(length)));

        Assert.Equal("PasswordLength", error.Detail);
    }

    [Fact]
    public void GetRandomPassword_EverythingExcluded_ThrowsInvalidParameter()
    {
        var error = Assert.Throws<KmsException>(() => GetRandomPassword.Handle(new GetRandomPasswordRequest(
            ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true)));

        Assert.Equal(KmsErrorCode.InvalidParameter, error.Code);
    }
}
