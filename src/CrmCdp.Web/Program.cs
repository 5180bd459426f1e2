using CrmCdp.Web.Modules.Admin;
using CrmCdp.Web.Modules.Cdp;
using CrmCdp.Web.Modules.Crm;
using CrmCdp.Web.Modules.Marketing;
using CrmCdp.Web.Platform;

var (arguments, switches) = StartupTasks.ParseSwitches(args);
var builder = WebApplication.CreateBuilder(arguments);
if (!builder.AddPlatform(switches))
{
    return 1;
}

builder.Services.AddCrm(builder.Configuration);
builder.Services.AddCdp(builder.Configuration);
builder.Services.AddMarketing(builder.Configuration);
builder.Services.AddAdmin(builder.Configuration);

var app = builder.Build();
app.UsePlatform();
app.MapCrm();
app.MapCdp();
app.MapMarketing();
app.MapAdmin();
app.MapPlatform();

if (!await StartupTasks.RunAsync(app, switches))
{
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
