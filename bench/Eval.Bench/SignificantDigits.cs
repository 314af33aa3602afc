using System.Globalization;

namespace Eval.Bench;

/// <summary>Numbers with a fixed count of significant digits in plain notation (12350, 612.3, 0.03457), never exponents.</summary>
public static class SignificantDigits
{
    public static string Format(double value, int digits = 4)
    {
        if (value == 0 || !double.IsFinite(value))
            return value.ToString(CultureInfo.InvariantCulture);
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = digits - 1 - magnitude;
        if (decimals >= 0)
        {
            var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            // Rounding may carry into a new digit (9.9996 -> 10.000): keep the count of significant digits.
            if ((int)Math.Floor(Math.Log10(Math.Abs(rounded))) > magnitude)
                decimals = Math.Max(0, decimals - 1);
            return rounded.ToString("F" + decimals, CultureInfo.InvariantCulture);
        }
        var scale = Math.Pow(10, -decimals);
        return (Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale).ToString("F0", CultureInfo.InvariantCulture);
    }
}
