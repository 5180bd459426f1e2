using CrmCdp.Web.Platform.Email;

namespace CrmCdp.UnitTests.Email;

public sealed class EmailRendererTests
{
    private static Dictionary<string, IReadOnlyDictionary<string, object?>> Values(string? firstName, string company = "Acme <Ltd>") =>
        new Dictionary<string, IReadOnlyDictionary<string, object?>>
        {
            ["contact"] = new Dictionary<string, object?> { ["first_name"] = firstName, ["company"] = company, ["custom"] = new Dictionary<string, object?> { ["plan"] = "Pro" } },
            ["sender"] = new Dictionary<string, object?> { ["name"] = "Rae Rep" },
        };

    [Fact]
    public async Task Variables_are_filled_in_and_html_bodies_encode_them()
    {
        var (email, errors) = await EmailRenderer.RenderAsync("Hi {{ contact.first_name }}", "<p>{{ contact.company }} on {{ contact.custom.plan }}</p>", null, Values("Dana"));

        Assert.Empty(errors);
        Assert.Equal("Hi Dana", email!.Subject);
        Assert.Equal("<p>Acme &lt;Ltd&gt; on Pro</p>", email.Html);
        Assert.Equal("Acme <Ltd> on Pro", email.Text);
    }

    [Theory]
    [InlineData("Hi {{ contact.first_name }}", "contact.first_name")]
    [InlineData("Hi {{ contact.nickname }}", "contact.nickname")]
    [InlineData("Hi {{ nobody.knows }}", "nobody")]
    public async Task A_variable_that_would_be_empty_is_refused_naming_it(string subject, string named)
    {
        var (email, errors) = await EmailRenderer.RenderAsync(subject, null, "Body", Values(null));

        Assert.Null(email);
        Assert.Contains(named, errors["subject"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hi {{ contact.first_name | default: \"there\" }}", "Hi there")]
    [InlineData("Hi{% if contact.first_name %} {{ contact.first_name }}{% endif %}", "Hi")]
    public async Task A_default_or_a_condition_lets_a_missing_variable_through(string subject, string expected)
    {
        var (email, errors) = await EmailRenderer.RenderAsync(subject, null, "Body", Values(null));

        Assert.Empty(errors);
        Assert.Equal(expected, email!.Subject);
    }

    [Fact]
    public async Task A_template_that_loops_without_end_is_refused_not_rendered_forever()
    {
        var (email, errors) = await EmailRenderer.RenderAsync("S", null, "{% for i in (1..100000000) %}x{% endfor %}", Values("Dana"));

        Assert.Null(email);
        Assert.True(errors.ContainsKey("text"));
    }

    [Fact]
    public void Html_becomes_readable_text_without_scripts()
    {
        var text = HtmlText.ToPlain("<style>p{}</style><h1>Offer</h1><p>Save&nbsp;20% &amp; more</p><script>alert(1)</script><ul><li>One</li><li>Two</li></ul>");

        Assert.Equal("Offer\n\nSave 20% & more\n\nOne\nTwo", text);
    }
}
