using System.Globalization;

namespace CrmCdp.Web.Platform.Charts;

/// <summary>The SVG polyline points of a sparkline: values spread over the width, the lowest at the bottom, the highest at the top.</summary>
public static class SparklinePoints
{
    public static string Of(IReadOnlyList<double> values, int width, int height)
    {
        if (values.Count < 2)
        {
            return "";
        }

        var (low, high) = (values.Min(), values.Max());
        var span = high - low;
        return string.Join(' ', values.Select((v, i) => string.Create(CultureInfo.InvariantCulture,
            $"{i * (width - 2.0) / (values.Count - 1) + 1:0.#},{(span == 0 ? height / 2.0 : height - 1 - (v - low) / span * (height - 2)):0.#}")));
    }
}
