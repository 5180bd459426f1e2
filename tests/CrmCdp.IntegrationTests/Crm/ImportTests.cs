using System.Text;
using CrmCdp.Web.Modules.Crm.ImportExport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class ImportTests(SharedApp app)
{
    [Fact]
    public async Task A_file_with_good_and_bad_rows_imports_the_good_ones_and_reports_each_bad_row()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marker = CrmApi.Unique("imp");
        var existing = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Old", lastName = "Name", email = $"existing.{marker}@x.example" });
        var csv = $"""
            First Name,Last Name,E-mail,Phone,Company,Stage
            Ann,Able,ann.{marker}@x.example,+1 415 555 0101,Importco {marker},customer
            Bob,Baker,not-an-email,,,
            ,,,,,
            Cid,Cole,cid.{marker}@x.example,12,,
            Existing,Updated,existing.{marker}@x.example,,,mql
            """;
        var access = await app.Factory.Services.GetRequiredService<AccessContextFactory>().CreateAsync(
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, rep.Id.ToString())], "test")),
            TestContext.Current.CancellationToken);
        var imports = app.Factory.Services.GetRequiredService<ContactImportService>();

        var upload = await imports.UploadAsync(access, "people.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), TestContext.Current.CancellationToken);
        var preview = await imports.PreviewAsync(access, upload.Value!.Id, upload.Value.SuggestedMapping, TestContext.Current.CancellationToken);
        await imports.StartAsync(access, upload.Value.Id, upload.Value.SuggestedMapping, ImportMode.CreateOrUpdate, TestContext.Current.CancellationToken);
        var progress = await WaitForEndAsync(imports, access, upload.Value.Id);

        Assert.Equal(5, upload.Value.TotalRows);
        Assert.Equal("email", upload.Value.SuggestedMapping["E-mail"]);
        Assert.Equal("lifecycleStage", upload.Value.SuggestedMapping["Stage"]);
        Assert.Empty(preview[0].Problems);
        Assert.Contains(preview[1].Problems, p => p.Contains("not a valid email", StringComparison.Ordinal));
        Assert.Equal(ImportStatus.Completed, progress.Status);
        Assert.Equal((1, 1, 3, 5), (progress.Created, progress.Updated, progress.Skipped, progress.ProcessedRows));
        Assert.Equal([2, 3, 4], progress.Errors.Select(e => e.Row));
        Assert.Contains("phone", progress.Errors[2].Message, StringComparison.OrdinalIgnoreCase);
        var (_, updated) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts/{existing.Id()}");
        Assert.Equal("Existing", updated.GetProperty("firstName").GetString());
        Assert.Equal("mql", updated.GetProperty("lifecycleStage").GetString());
        var (_, found) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts?email=ann.{marker}@x.example");
        var ann = found.GetProperty("items")[0];
        Assert.Equal($"Importco {marker}", ann.GetProperty("companyName").GetString());
        Assert.Equal("customer", ann.GetProperty("lifecycleStage").GetString());
        Assert.Equal(rep.Id.ToString(), ann.GetProperty("ownerId").GetString());
    }

    private static async Task<ImportProgress> WaitForEndAsync(ContactImportService imports, AccessContext access, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var progress = await imports.ProgressAsync(access, id, TestContext.Current.CancellationToken);
            if (progress is { Status: ImportStatus.Completed or ImportStatus.Failed })
            {
                return progress;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The import job did not finish within 60 s.");
    }
}
