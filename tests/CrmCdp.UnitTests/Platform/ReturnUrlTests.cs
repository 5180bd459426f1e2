using CrmCdp.Web.Components.Account;

namespace CrmCdp.UnitTests.Platform;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/crm", "/crm")]
    [InlineData("/admin/users?tab=roles", "/admin/users?tab=roles")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("crm", "/")]
    public void Sign_in_only_returns_to_paths_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInStep.SafeReturnUrl(returnUrl));
}
