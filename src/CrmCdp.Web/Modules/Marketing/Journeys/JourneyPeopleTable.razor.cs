using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Who is or was in the journey: where, since when, and the path taken.</summary>
public sealed partial class JourneyPeopleTable
{
    [Parameter]
    [EditorRequired]
    public IReadOnlyList<JourneyPerson> People { get; set; } = [];

    private static string PathText(JourneyPerson person) => JourneyPaths.Describe(person.Path);
}
