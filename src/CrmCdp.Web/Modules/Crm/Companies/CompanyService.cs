using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.ContactPoints;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Companies;

internal sealed class CompanyService(
    IDbContextFactory<AppDbContext> dbFactory,
    IValidator<CompanyInput> validator,
    ContactPointNormalizer normalizer,
    UserDirectory users,
    RecordInputChecks checks,
    CrmRecordCommands records)
{
    private static CrmRecordKind<Company> Kind => CrmRecordKinds.Companies;

    public async Task<OperationResult<CompanyDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var company = await db.Set<Company>().Within(access, P.CompaniesRead).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null)
        {
            return OperationResult<CompanyDto>.NotFound();
        }

        var contacts = await db.Set<Contact>().Within(access, P.ContactsRead).CountAsync(c => c.CompanyId == id, cancellationToken);
        var names = await users.NamesAsync([company.OwnerId], cancellationToken);
        return OperationResult<CompanyDto>.Ok(ToDto(company, names, contacts));
    }

    public async Task<OperationResult<CompanyDto>> CreateAsync(AccessContext access, CompanyInput input, CancellationToken cancellationToken = default)
    {
        var ownerId = input.OwnerId ?? access.UserId;
        var created = await records.CreateAsync(Kind, access, P.CompaniesCreate, "Your role cannot create companies.", async (_, now) =>
        {
            if (await CheckAsync(access, input, ownerId, P.CompaniesCreate, cancellationToken) is { } problems)
            {
                return (null, problems);
            }

            var company = new Company { Id = Guid.CreateVersion7(), CreatedAt = now };
            Apply(company, input, ownerId, now);
            await ApplyCustomFieldsAsync(company, input, cancellationToken);
            return (company, null);
        }, cancellationToken);
        return created.Value is { } id && id != Guid.Empty ? await GetAsync(access, id, cancellationToken) : created.As<CompanyDto>();
    }

    public async Task<OperationResult<CompanyDto>> UpdateAsync(AccessContext access, Guid id, CompanyInput input, CancellationToken cancellationToken = default)
    {
        var edited = await records.EditAsync(Kind, access, id, input.Version, async (db, company, now) =>
        {
            var ownerId = input.OwnerId ?? company.OwnerId;
            if (await CheckAsync(access, input, ownerId, P.CompaniesEdit, cancellationToken) is { } problems)
            {
                return problems;
            }

            var before = Fields(company);
            var ownerBefore = company.OwnerId;
            Apply(company, input, ownerId, now);
            await ApplyCustomFieldsAsync(company, input, cancellationToken);
            var names = await users.NamesAsync([ownerBefore, company.OwnerId], cancellationToken);
            CrmRecordCommands.Note(db, Kind, access, id, now, FieldChange.Between(Fields(company).Zip(before, (after, old) => (after.Label, old.Value, after.Value))
                .Append(("Owner", Name(ownerBefore, names), Name(company.OwnerId, names)))));
            return null;
        }, cancellationToken);
        return edited.Value ? await GetAsync(access, id, cancellationToken) : edited.As<CompanyDto>();
    }

    public Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, access, id, cancellationToken);

    public async Task<OperationResult<CompanyDto>> RestoreAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        var restored = await records.RestoreAsync(Kind, access, id, cancellationToken);
        return restored.Value ? await GetAsync(access, id, cancellationToken) : restored.As<CompanyDto>();
    }

    public static CompanyDto ToDto(Company c, IReadOnlyDictionary<Guid, string> names, int contactCount) => new(
        c.Id, c.Name, c.Domain, c.Industry, c.Employees, c.Street, c.City, c.Region, c.PostalCode, c.Country, c.Phone,
        c.OwnerId, Name(c.OwnerId, names), c.Tags, c.Notes, contactCount, CustomFields.CustomFieldService.Read(c.CustomFieldsJson),
        c.CreatedAt, c.UpdatedAt, c.Version);

    private static CustomFieldInput CustomFieldsOf(CompanyInput input) => new(CustomFields.CustomFieldTarget.Company, input.CustomFields);

    private async Task ApplyCustomFieldsAsync(Company company, CompanyInput input, CancellationToken cancellationToken) =>
        company.CustomFieldsJson = await checks.CustomFieldsJsonAsync(CustomFieldsOf(input), cancellationToken) ?? company.CustomFieldsJson;

    private static string? Name(Guid? id, IReadOnlyDictionary<Guid, string> names) => id is { } value ? names.GetValueOrDefault(value) : null;

    private static (string Label, string? Value)[] Fields(Company c) =>
    [
        ("Name", c.Name), ("Domain", c.Domain), ("Industry", c.Industry), ("Employees", c.Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Street", c.Street), ("City", c.City), ("Region", c.Region), ("Postal code", c.PostalCode), ("Country", c.Country),
        ("Phone", c.Phone), ("Tags", string.Join(", ", c.Tags)), ("Notes", c.Notes), ("Custom fields", c.CustomFieldsJson),
    ];

    private async Task<Dictionary<string, string[]>?> CheckAsync(
        AccessContext access, CompanyInput input, Guid? ownerId, string permission, CancellationToken cancellationToken)
    {
        var errors = await checks.CheckAsync(validator, input, access, new RecordOwner(ownerId, permission, "companies"), cancellationToken, CustomFieldsOf(input));
        return errors.Count == 0 ? null : errors;
    }

    private void Apply(Company company, CompanyInput input, Guid? ownerId, DateTimeOffset now)
    {
        company.Name = input.Name?.Trim() ?? "";
        company.Domain = ContactPointNormalizer.NormalizeDomain(input.Domain);
        company.Industry = RecordText.Clean(input.Industry);
        company.Employees = input.Employees;
        company.Street = RecordText.Clean(input.Street);
        company.City = RecordText.Clean(input.City);
        company.Region = RecordText.Clean(input.Region);
        company.PostalCode = RecordText.Clean(input.PostalCode);
        company.Country = RecordText.Clean(input.Country);
        company.Phone = normalizer.NormalizePhone(input.Phone);
        company.OwnerId = ownerId;
        company.Tags = RecordText.Tags(input.Tags);
        company.Notes = RecordText.Clean(input.Notes);
        company.UpdatedAt = now;
    }
}
