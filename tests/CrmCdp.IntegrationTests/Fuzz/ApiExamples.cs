using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.IntegrationTests.Crm;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>
/// A valid body for the API's JSON operations, over records created for the purpose, so that a fuzzer's single hostile
/// value gets past every other check and reaches the code that stores it.
/// </summary>
internal sealed class ApiExamples
{
    private readonly Dictionary<string, string> _ids = [];

    private ApiExamples()
    {
    }

    public static async Task<ApiExamples> CreateAsync(HttpClient admin, CancellationToken ct)
    {
        var examples = new ApiExamples();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", ct);
        examples._ids["pipelineId"] = pipelines[0].Id();
        examples._ids["stageId"] = pipelines[0].GetProperty("stages")[0].Id();
        examples._ids["userId"] = (await PostAsync(admin, "/api/v1/users", new { email = $"fuzz-rep-{unique}@example.com", displayName = "Fuzz Rep", password = "Fuzz-Passw0rd-1", roles = new[] { "SalesRep" } }, ct)).Id();
        examples._ids["teamId"] = (await PostAsync(admin, "/api/v1/teams", new { name = $"Fuzz team {unique}", memberIds = new[] { examples._ids["userId"] } }, ct)).Id();
        examples._ids["companyId"] = (await PostAsync(admin, "/api/v1/companies", new { name = $"Fuzz Co {unique}", domain = $"fuzz-{unique}.example" }, ct)).Id();
        examples._ids["contactId"] = (await PostAsync(admin, "/api/v1/contacts", new { firstName = "Ada", lastName = "Fuzz", email = $"ada-{unique}@example.com", companyId = examples._ids["companyId"] }, ct)).Id();
        examples._ids["contactId2"] = (await PostAsync(admin, "/api/v1/contacts", new { firstName = "Ada", lastName = "Fuzz", email = $"ada2-{unique}@example.com" }, ct)).Id();
        examples._ids["companyId2"] = (await PostAsync(admin, "/api/v1/companies", new { name = $"Fuzz Co 2 {unique}" }, ct)).Id();
        examples._ids["dealId"] = (await PostAsync(admin, "/api/v1/deals", new { name = "Fuzz deal", amount = 1000, currency = "EUR", pipelineId = examples._ids["pipelineId"], stageId = examples._ids["stageId"] }, ct)).Id();
        examples._ids["ticketId"] = (await PostAsync(admin, "/api/v1/tickets", new { subject = "Fuzz ticket" }, ct)).Id();
        examples._ids["ticketId2"] = (await PostAsync(admin, "/api/v1/tickets", new { subject = "Fuzz ticket 2" }, ct)).Id();
        return examples;
    }

    /// <summary>The example body of "METHOD /api/v1/path/{id}", or null when there is none.</summary>
    public JsonNode? For(HttpMethod method, string template)
    {
        if (!Bodies.TryGetValue($"{method.Method} {template}", out var body))
        {
            return null;
        }

        foreach (var (name, id) in _ids)
        {
            body = body.Replace($"{{{name}}}", id, StringComparison.Ordinal);
        }

        var now = DateTimeOffset.UtcNow;
        body = body.Replace("{now}", now.ToString("O"), StringComparison.Ordinal).Replace("{tomorrow}", now.AddDays(1).ToString("O"), StringComparison.Ordinal)
            .Replace("{unique}", Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal);
        return JsonNode.Parse(body);
    }

    /// <summary>An id this class created for a path parameter of <paramref name="template"/>: the record the examples work on.</summary>
    public string? IdFor(string template, string collection) => collection switch
    {
        "/api/v1/tickets" when template.EndsWith("/merge", StringComparison.Ordinal) => _ids["ticketId2"],
        "/api/v1/contacts" => _ids["contactId"],
        "/api/v1/companies" => _ids["companyId"],
        "/api/v1/deals" => _ids["dealId"],
        "/api/v1/tickets" => _ids["ticketId"],
        "/api/v1/users" => _ids["userId"],
        "/api/v1/teams" => _ids["teamId"],
        "/api/v1/sla/routing" => _ids["teamId"],
        "/api/v1/pipelines" => _ids["pipelineId"],
        _ => null,
    };

    private static async Task<JsonElement> PostAsync(HttpClient admin, string path, object body, CancellationToken ct)
    {
        using var response = await admin.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["POST /api/v1/companies"] = """{"name":"Fuzz Co {unique}","domain":"fuzz-{unique}.example","industry":"Software","employees":50,"street":"1 Main St","city":"Berlin","region":"BE","postalCode":"10115","country":"DE","phone":"+1 415 555 0100","tags":["vip"],"notes":"Met at a fair."}""",
        ["PUT /api/v1/companies/{id}"] = """{"name":"Fuzz Co {unique}","domain":"fuzz-{unique}.example","industry":"Software","employees":50,"city":"Berlin","country":"DE","phone":"+1 415 555 0100","tags":["vip"],"notes":"Met at a fair."}""",
        ["POST /api/v1/contacts"] = """{"firstName":"Ada","lastName":"Fuzz","email":"ada-{unique}@example.com","emails":["ada.alt-{unique}@example.com"],"phones":["+1 415 555 0101"],"jobTitle":"CTO","companyId":"{companyId}","lifecycleStage":"lead","leadSource":"web","tags":["vip"],"emailConsent":true,"smsConsent":false,"customFields":{}}""",
        ["PUT /api/v1/contacts/{id}"] = """{"firstName":"Ada","lastName":"Fuzz","email":"ada-{unique}@example.com","phones":["+1 415 555 0101"],"jobTitle":"CTO","companyId":"{companyId}","lifecycleStage":"lead","leadSource":"web","tags":["vip"],"emailConsent":true,"customFields":{}}""",
        ["POST /api/v1/contacts/merge"] = """{"survivorId":"{contactId}","mergedId":"{contactId2}","takeFromMerged":["jobTitle"]}""",
        ["POST /api/v1/companies/merge"] = """{"survivorId":"{companyId}","mergedId":"{companyId2}","takeFromMerged":["industry"]}""",
        ["POST /api/v1/contacts/bulk"] = """{"ids":["{contactId}"],"action":"addTag","tag":"fuzzed"}""",
        ["POST /api/v1/companies/bulk"] = """{"ids":["{companyId}"],"action":"addTag","tag":"fuzzed"}""",
        ["POST /api/v1/deals/bulk"] = """{"ids":["{dealId}"],"action":"assignOwner","ownerId":"{userId}"}""",
        ["PUT /api/v1/pipelines/{id}"] = """{"name":"Sales {unique}","currency":"EUR","visibleToTeamIds":[],"stages":[{"id":"{stageId}","name":"New","probability":10,"rottingDays":7},{"name":"Later","probability":40}]}""",
        ["POST /api/v1/contacts/exports"] = """{"search":"Ada","lifecycleStage":"lead","tag":"vip","columns":"firstName,email"}""",
        ["POST /api/v1/custom-fields"] = """{"key":"fuzz{unique}","label":"Fuzz field","type":"text","choices":[],"appliesTo":"contact"}""",
        ["POST /api/v1/pipelines"] = """{"name":"Fuzz pipeline {unique}","currency":"EUR","visibleToTeamIds":[],"stages":[{"name":"New","probability":10,"rottingDays":5},{"name":"Proposal","probability":50,"rottingDays":10}]}""",
        ["POST /api/v1/lost-reasons"] = """{"name":"Fuzz reason {unique}","active":true}""",
        ["POST /api/v1/deals"] = """{"name":"Fuzz deal {unique}","amount":1250.50,"currency":"EUR","pipelineId":"{pipelineId}","stageId":"{stageId}","expectedCloseDate":"2027-03-01","contactIds":["{contactId}"],"companyId":"{companyId}","source":"web","nextStep":"Call back"}""",
        ["PUT /api/v1/deals/{id}"] = """{"name":"Fuzz deal {unique}","amount":1250.50,"currency":"EUR","expectedCloseDate":"2027-03-01","contactIds":["{contactId}"],"companyId":"{companyId}","source":"web","nextStep":"Call back"}""",
        ["POST /api/v1/deals/{id}/move"] = """{"stageId":"{stageId}"}""",
        ["POST /api/v1/tickets"] = """{"subject":"Fuzz ticket {unique}","description":"It broke.","priority":"high","status":"new","type":"question","channel":"email","contactId":"{contactId}","companyId":"{companyId}","teamId":"{teamId}","tags":["billing"]}""",
        ["PUT /api/v1/tickets/{id}"] = """{"subject":"Fuzz ticket {unique}","description":"It broke.","priority":"high","status":"open","type":"question","channel":"email","tags":["billing"]}""",
        ["POST /api/v1/tickets/assign"] = """{"ids":["{ticketId}"],"assigneeId":"{userId}"}""",
        ["POST /api/v1/tickets/{id}/merge"] = """{"intoId":"{ticketId}"}""",
        ["POST /api/v1/tickets/{id}/replies"] = """{"body":"We are on it.","internal":false}""",
        ["POST /api/v1/activities"] = """{"type":"call","contactId":"{contactId}","subject":"Intro call","body":"Talked.","occurredAt":"{now}","callOutcome":"connected","durationMinutes":15}""",
        ["POST /api/v1/tasks"] = """{"title":"Follow up {unique}","type":"call","dueAt":"{tomorrow}","priority":"normal","contactId":"{contactId}","ownerId":"{userId}","notes":"Ask about budget."}""",
        ["POST /api/v1/sources"] = """{"name":"Fuzz source {unique}","type":"website"}""",
        ["POST /api/v1/segments"] = """{"name":"Fuzz segment {unique}","description":"Pro users who viewed pricing","definition":{"type":"and","conditions":[{"type":"trait","field":"plan","operator":"equals","value":"pro"},{"type":"event","event":"Pricing Viewed","operator":"at_least","count":2,"withinDays":7}]},"activationEnabled":false,"taskTitle":"Call","taskDueInDays":1}""",
        ["POST /api/v1/segments/preview"] = """{"definition":{"type":"or","conditions":[{"type":"trait","field":"plan","operator":"equals","value":"pro"},{"type":"computed","field":"intent_score","operator":"gt","value":"3"}]}}""",
        ["POST /api/v1/computed-traits"] = """{"key":"fuzz_{unique}","name":"Fuzz score","windowDays":14,"rules":[{"event":"Pricing Viewed","points":2}],"cap":10}""",
        ["POST /api/v1/api-keys"] = """{"name":"Fuzz key {unique}","role":"SalesRep","expiresAt":"{tomorrow}"}""",
        ["POST /api/v1/roles"] = """{"name":"Fuzz role {unique}","description":"Fuzzing","permissions":{"crm.contacts.read":"all"},"requireTwoFactor":false}""",
        ["POST /api/v1/users"] = """{"email":"fuzz-{unique}@example.com","displayName":"Fuzz User","password":"Fuzz-Passw0rd-1","roles":["SalesRep"],"teamIds":["{teamId}"],"away":false}""",
        ["PUT /api/v1/users/{id}"] = """{"displayName":"Fuzz Rep","roles":["SalesRep"],"teamIds":["{teamId}"],"away":false}""",
        ["POST /api/v1/teams"] = """{"name":"Fuzz team {unique}","leadUserId":"{userId}","memberIds":["{userId}"]}""",
        ["PUT /api/v1/teams/{id}"] = """{"name":"Fuzz team {unique}","leadUserId":"{userId}","memberIds":["{userId}"]}""",
        ["POST /api/v1/privacy/requests"] = """{"kind":"access","identifierKind":"email","identifier":"nobody-{unique}@example.com"}""",
        ["PUT /api/v1/sla/routing/{teamId}"] = """{"mode":"roundRobin"}""",
    };
}
