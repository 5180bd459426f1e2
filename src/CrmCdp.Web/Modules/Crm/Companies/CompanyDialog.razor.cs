using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.CustomFields;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Companies;

/// <summary>Creates a company or edits one (detecting concurrent edits).</summary>
public partial class CompanyDialog
{
    private CompanyInput _input = new();
    private string? _tags;
    private IReadOnlyList<UserOption> _users = [];
    private IReadOnlyList<CustomFieldDto> _customFields = [];
    private Dictionary<string, object?> _customValues = [];

    /// <summary>The company to edit; null to create one.</summary>
    [Parameter]
    public CompanyDto? Company { get; set; }

    [Inject]
    private CompanyService Companies { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private CustomFieldService CustomFieldDefinitions { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _users = await Users.AssignableAsync();
        _customFields = await CustomFieldDefinitions.ListAsync(await AccessAsync(), CustomFieldTarget.Company);
        if (Company is { } c)
        {
            _input = new CompanyInput
            {
                Name = c.Name,
                Domain = c.Domain,
                Industry = c.Industry,
                Employees = c.Employees,
                Street = c.Street,
                City = c.City,
                Region = c.Region,
                PostalCode = c.PostalCode,
                Country = c.Country,
                Phone = c.Phone,
                OwnerId = c.OwnerId,
                Notes = c.Notes,
                Version = c.Version,
            };
            _tags = string.Join(", ", c.Tags);
            _customValues = CustomFieldValues.FromStored(c.CustomFields);
        }
        else
        {
            _input.OwnerId = (await AccessAsync()).UserId;
        }
    }

    private Task SaveAsync() => SubmitAsync<CompanyDto>(async access =>
    {
        _input.Tags = CrmUi.SplitList(_tags);
        _input.CustomFields = CustomFieldValues.ToJson(_customValues);
        return Company is { } c ? await Companies.UpdateAsync(access, c.Id, _input) : await Companies.CreateAsync(access, _input);
    });
}
