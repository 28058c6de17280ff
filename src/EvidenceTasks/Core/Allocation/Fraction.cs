using System.Globalization;
using System.Numerics;

namespace EvidenceTasks.Core.Allocation;

/// <summary>
/// An exact rational number (BigInteger numerator over a positive denominator, always reduced). The allocator and
/// Block 6 compare shares with it, so no percentage ever depends on floating-point or decimal rounding.
/// </summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("fraction with zero denominator");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static Fraction Zero { get; } = new(0, 1);

    public static Fraction FromInt(long value) => new(value, 1);

    /// <summary>The exact value of a decimal (its mantissa over 10^scale).</summary>
    public static Fraction FromDecimal(decimal value)
    {
        var scale = value.Scale;
        var mantissa = new BigInteger(decimal.Truncate(value * Pow10Decimal(scale)));
        return new Fraction(mantissa, BigInteger.Pow(10, scale));
    }

    private static decimal Pow10Decimal(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++) p *= 10m;
        return p;
    }

    public int Sign => Numerator.Sign;

    public bool IsZero => Numerator.IsZero;

    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public Fraction Abs() => Sign < 0 ? -this : this;

    /// <summary>The greatest integer not above the value.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(Numerator, Denominator, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>Rounded to <paramref name="decimals"/> places, half away from zero (for display and for hashed values).</summary>
    public decimal Round(int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var scaled = BigInteger.Abs(Numerator) * scale;
        var q = BigInteger.DivRem(scaled, Denominator, out var r);
        if (r * 2 >= Denominator) q += 1;
        if (Numerator.Sign < 0) q = -q;
        return decimal.Parse(q.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / Pow10Decimal(decimals);
    }

    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
