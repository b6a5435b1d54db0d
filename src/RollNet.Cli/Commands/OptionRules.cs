using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace RollNet.Cli.Commands;

/// <summary>Range and file-type checks for options, reported by the parser as one line each.</summary>
internal static class OptionRules
{
    /// <summary>Rejects values below <paramref name="minimum"/>, and NaN and infinity.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : INumber<T> =>
        option.Check(value => value >= minimum && T.IsFinite(value),
            typeof(T) == typeof(float) || typeof(T) == typeof(double) ? $"a finite number of at least {minimum}" : $"at least {minimum}");

    /// <summary>Rejects values above <paramref name="maximum"/> (and NaN).</summary>
    public static Option<T> AtMost<T>(this Option<T> option, T maximum)
        where T : INumber<T> =>
        option.Check(value => value <= maximum, $"at most {maximum}");

    /// <summary>Rejects values (when one is given) below <paramref name="minimum"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum)
        where T : struct, INumber<T> =>
        option.Check(value => value is not { } given || given >= minimum, $"at least {minimum}");

    /// <summary>Rejects values (when one is given) above <paramref name="maximum"/>.</summary>
    public static Option<T?> AtMost<T>(this Option<T?> option, T maximum)
        where T : struct, INumber<T> =>
        option.Check(value => value is not { } given || given <= maximum, $"at most {maximum}");

    /// <summary>Rejects values that are not above <paramref name="bound"/>, and NaN and infinity.</summary>
    public static Option<T> Above<T>(this Option<T> option, T bound)
        where T : INumber<T> =>
        option.Check(value => value > bound && T.IsFinite(value), $"a finite number above {bound}");

    /// <summary>Rejects values outside [<paramref name="minimum"/>, <paramref name="maximum"/>) (and NaN).</summary>
    public static Option<T> InRange<T>(this Option<T> option, T minimum, T maximum)
        where T : INumber<T> =>
        option.Check(value => value >= minimum && value < maximum, $"at least {minimum} and below {maximum}");

    /// <summary>
    /// Rejects a number that names no member of <typeparamref name="T"/>: the parser takes "7" for an enum as readily as
    /// a member's name.
    /// </summary>
    public static Option<T> Named<T>(this Option<T> option)
        where T : struct, Enum =>
        option.Check(Enum.IsDefined, Listed.Or(Enum.GetNames<T>()));

    /// <summary>Whether <paramref name="option"/> was given on the command line, rather than left to its default.</summary>
    public static bool IsGiven(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The value of <paramref name="option"/> where it was given, else <paramref name="otherwise"/>.</summary>
    public static T GivenOr<T>(this ParseResult parse, Option<T> option, T otherwise) =>
        parse.IsGiven(option) ? parse.GetValue(option)! : otherwise;

    /// <summary>
    /// The value of <paramref name="option"/> in <paramref name="result"/>, or false where it was left out or does not
    /// convert, which the parser reports itself: a command's validator runs before that report.
    /// </summary>
    public static bool TryGetValue<T>(this CommandResult result, Option<T> option, out T value)
    {
        value = default!;
        if (result.GetResult(option) is null)
        {
            return false;
        }

        try
        {
            value = result.GetValue(option)!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rejects a file to write (when one is given) whose extension is none of <paramref name="extensions"/>, without
    /// case, whose folder does not exist, or that is a folder: checked before the command's work, which a write that
    /// fails at its end would throw away.
    /// </summary>
    public static Option<string?> ToWrite(this Option<string?> option, params string[] extensions)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } path)
            {
                return;
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{option.Name} must be a {Listed.Or(extensions)} file, not {path}");
            }
            else if (Directory.Exists(path))
            {
                result.AddError($"{option.Name} must be a file, not the folder {path}");
            }
            else if (folder is not null && !Directory.Exists(folder))
            {
                result.AddError($"{option.Name} must be a file in a folder that exists, not {path}");
            }
        });
        return option;
    }

    /// <summary>Rejects a value that is none of <paramref name="values"/>, which help lists and the shell completes.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        option.HelpName ??= string.Join('|', values);
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !values.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} must be {Listed.Or(values)}, not '{value}'");
            }
        });
        return option;
    }

    private static Option<T> Check<T>(this Option<T> option, Func<T, bool> holds, string rule)
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // A value that does not convert is reported by the parser itself.
                return;
            }

            if (!holds(value))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {rule}, not {value}"));
            }
        });
        return option;
    }
}
