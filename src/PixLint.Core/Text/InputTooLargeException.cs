namespace PixLint.Text;

/// <summary>A stream gave more bytes than the input limit allows; reading stopped there.</summary>
public sealed class InputTooLargeException : IOException
{
    public InputTooLargeException()
        : base("the input is larger than the limit")
    {
    }

    public InputTooLargeException(long limit)
        : base($"the input is larger than {limit / (1 << 20)} MiB, the limit")
    {
        Limit = limit;
    }

    public InputTooLargeException(string message)
        : base(message)
    {
    }

    public InputTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The limit in bytes (0 when not given).</summary>
    public long Limit { get; }
}
