using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Admin.Email;

/// <summary>Writes or changes one template; the Liquid is checked as it is saved.</summary>
public partial class EmailTemplateDialog
{
    private EmailTemplateInput _input = new();

    [Parameter]
    public Guid? TemplateId { get; set; }

    [Inject]
    private EmailTemplateService Templates { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (TemplateId is { } id && (await Templates.GetAsync(await AccessAsync(), id)).Value is { } template)
        {
            _input = new EmailTemplateInput { Name = template.Name, Subject = template.Subject, Html = template.Html, Text = template.Text };
        }
    }

    private Task SaveAsync() => SubmitAsync(access => Templates.SaveAsync(access, TemplateId, _input));
}
