using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace CrmCdp.Web.Platform.Email;

/// <summary>Collects the variables a rendering wrote out while they had no value.</summary>
internal sealed class MissingVariables
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public void Add(string name)
    {
        if (!_names.Contains(name, StringComparer.Ordinal))
        {
            _names.Add(name);
        }
    }
}

/// <summary>
/// A variable without a value. It behaves as nil (so <c>default</c>, <c>if</c> and <c>unless</c> work), and is
/// reported when written out as it is, so a template never sends an empty greeting unnoticed.
/// </summary>
internal sealed class MissingValue(string path, MissingVariables missing) : FluidValue
{
    public override FluidValues Type => FluidValues.Nil;

    public override bool Equals(FluidValue other) => other.IsNil();

    public override bool ToBooleanValue(TemplateContext context) => false;

    public override decimal ToNumberValue(TemplateContext context) => 0;

    public override string ToStringValue(TemplateContext context) => "";

    public override object ToObjectValue(TemplateContext context) => null!;

    public override bool IsNil() => true;

    public override ValueTask WriteToAsync(IFluidOutput output, TextEncoder encoder, TemplateContext context)
    {
        missing.Add(path);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(new MissingValue($"{path}.{name}", missing));

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A named group of text fields (<c>contact</c>, <c>sender</c>); an empty or unknown field is a <see cref="MissingValue"/>.</summary>
internal sealed class LiquidRecord(string path, IReadOnlyDictionary<string, object?> fields, MissingVariables missing) : FluidValue
{
    public override FluidValues Type => FluidValues.Object;

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue(TemplateContext context) => true;

    public override decimal ToNumberValue(TemplateContext context) => 0;

    public override string ToStringValue(TemplateContext context) => "";

    public override object ToObjectValue(TemplateContext context) => fields;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(fields.GetValueOrDefault(name) switch
    {
        IReadOnlyDictionary<string, object?> nested => new LiquidRecord($"{path}.{name}", nested, missing),
        string text when !string.IsNullOrWhiteSpace(text) => StringValue.Create(text),
        decimal number => NumberValue.Create(number),
        bool flag => BooleanValue.Create(flag),
        _ => new MissingValue($"{path}.{name}", missing),
    });

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}
