using Microsoft.EntityFrameworkCore.Design;

namespace CrmCdp.Web.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, "Host=localhost;Database=crmcdp_design");
        return new AppDbContext(options.Options);
    }
}
