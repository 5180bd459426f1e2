using CrmCdp.Web.Modules.Admin.ApiKeys;
using CrmCdp.Web.Platform.Validation;

namespace CrmCdp.UnitTests.Platform;

public sealed class MudFormValidationTests
{
    [Fact]
    public async Task A_field_gets_only_its_own_messages()
    {
        var validate = MudFormValidation.For(new CreateApiKeyRequestValidator(TimeProvider.System));
        var request = new CreateApiKeyRequest { Name = "", Role = "" };

        var nameErrors = (await validate(request, nameof(CreateApiKeyRequest.Name))).ToList();
        var roleErrors = (await validate(request, nameof(CreateApiKeyRequest.Role))).ToList();

        Assert.Equal(["Give the key a name that says what uses it."], nameErrors);
        Assert.Equal(["Choose the role whose permissions the key carries."], roleErrors);
    }

    [Fact]
    public async Task A_valid_field_has_no_messages()
    {
        var validate = MudFormValidation.For(new CreateApiKeyRequestValidator(TimeProvider.System));

        var errors = await validate(new CreateApiKeyRequest { Name = "Sync", Role = "" }, nameof(CreateApiKeyRequest.Name));

        Assert.Empty(errors);
    }
}
