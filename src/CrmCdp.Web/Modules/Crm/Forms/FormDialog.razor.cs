using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.CustomFields;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>The form builder: fields and where they go, consent boxes, and what a submission does.</summary>
public partial class FormDialog
{
    private static readonly IReadOnlyList<(string Value, string Label)> ContactTargets =
    [
        ("", "Not a contact field (kept on the submission)"), (FormMappings.Email, "Email"), ("firstName", "First name"), ("lastName", "Last name"),
        ("phone", "Phone"), ("company", "Company"), ("jobTitle", "Job title"),
    ];

    private FormInput _input = new() { Fields = [], Consents = [], Enabled = true, CreatesTicket = false };
    private IReadOnlyList<(string Value, string Label)> _targets = ContactTargets;
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];

    [Parameter]
    public Guid? FormId { get; set; }

    [Inject]
    private FormService Forms { get; set; } = default!;

    [Inject]
    private CustomFieldService CustomFields { get; set; } = default!;

    [Inject]
    private UserDirectory Directory { get; set; } = default!;

    /// <summary>Opens the builder for a new form (null) or an existing one; the saved form, or null when cancelled.</summary>
    internal static async Task<FormDto?> ShowAsync(IDialogService dialogs, FormDto? form)
    {
        var parameters = new DialogParameters<FormDialog> { { d => d.FormId, form?.Id } };
        var dialog = await dialogs.ShowAsync<FormDialog>(form is null ? "New form" : $"Edit {form.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: FormDto saved } ? saved : null;
    }

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _teams = await Directory.TeamsAsync();
        _targets = [.. ContactTargets, .. (await CustomFields.ListAsync(access)).Select(f => (FormMappings.CustomPrefix + f.Key, $"Custom: {f.Label}"))];
        if (FormId is { } id && (await Forms.GetAsync(access, id)).Value is { } form)
        {
            _input = new FormInput
            {
                Name = form.Name,
                CreatesTicket = form.CreatesTicket,
                AssignTeamId = form.AssignTeamId,
                ThankYouMessage = form.ThankYouMessage,
                Enabled = form.Enabled,
                Fields = [.. form.Fields.Select(f => new FormFieldInput { Name = f.Name, Label = f.Label, MapsTo = f.MapsTo ?? "", Required = f.Required })],
                Consents = [.. form.Consents.Select(c => new FormConsentInput { Category = c.Category, Text = c.Text })],
            };
        }
        else
        {
            _input.Fields!.Add(new FormFieldInput { Name = "email", Label = "Email", MapsTo = FormMappings.Email, Required = true });
        }
    }

    private void AddField() => _input.Fields!.Add(new FormFieldInput { Name = $"field{_input.Fields.Count + 1}", Label = "", MapsTo = "" });

    private void AddConsent() => _input.Consents!.Add(new FormConsentInput { Category = "email", Text = "" });

    private Task SaveAsync() => SubmitAsync(access => Forms.SaveAsync(access, FormId, _input, Navigation.BaseUri));
}
