using CrmCdp.Web.Modules.Admin.ApiKeys;

namespace CrmCdp.UnitTests.Admin;

public sealed class CreateApiKeyRequestValidatorTests
{
    private readonly CreateApiKeyRequestValidator _validator = new(TimeProvider.System);

    [Fact]
    public void A_named_key_with_a_role_and_future_expiry_is_valid() =>
        Assert.True(_validator.Validate(new CreateApiKeyRequest { Name = "ERP sync", Role = "SalesRep", ExpiresAt = DateTimeOffset.UtcNow.AddDays(30) }).IsValid);

    [Fact]
    public void Each_missing_or_wrong_field_gets_its_own_message()
    {
        var result = _validator.Validate(new CreateApiKeyRequest { Name = "", Role = "", ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        Assert.Equal(
            ["ExpiresAt", "Name", "Role"],
            result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_longer_than_200_characters_is_refused() =>
        Assert.Contains(
            _validator.Validate(new CreateApiKeyRequest { Name = new string('x', 201), Role = "Admin" }).Errors,
            e => e.PropertyName == "Name" && e.ErrorMessage.Contains("200", StringComparison.Ordinal));
}
