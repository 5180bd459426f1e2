using Hangfire.Dashboard;

namespace CrmCdp.Web.Platform.Jobs;

/// <summary>Second line of defence behind the endpoint policy: only holders of <c>admin.jobs</c>.</summary>
internal sealed class PermissionDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var resolver = http.RequestServices.GetRequiredService<PermissionResolver>();
        return await resolver.HasAsync(http.User, Permissions.Admin.Jobs, http.RequestAborted);
    }
}
