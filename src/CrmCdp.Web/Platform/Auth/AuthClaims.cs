namespace CrmCdp.Web.Platform.Auth;

internal static class AuthClaims
{
    public const string ApiKeyId = "crmcdp:api_key_id";
    public const string ApiKeyRoleId = "crmcdp:api_key_role_id";
    public const string DisplayName = "crmcdp:display_name";

    /// <summary>The claim cookie authentication adds when tickets live in a session store.</summary>
    public const string SessionId = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";
}
