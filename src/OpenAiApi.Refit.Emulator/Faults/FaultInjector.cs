namespace OpenAiApi.Refit.Emulator.Faults;

/// <summary>
/// The armed faults, first in first out. A request takes the first armed request fault (status or slow); an event stream takes
/// the first armed stream fault; a run about to take a step takes the first armed run fault. A header value arms its faults once: a client that repeats the header on its retries does not
/// re-arm them (change the value, e.g. with <c>;id=2</c>, to arm again, or call <see cref="Clear"/>).
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ArmedFault> _armed = [];
    private readonly HashSet<string> _seenHeaderValues = new(StringComparer.Ordinal);

    public void Arm(IEnumerable<FaultSpec> faults)
    {
        lock (_gate)
        {
            _armed.AddRange(faults.Select(static f => new ArmedFault(f)));
        }
    }

    /// <summary>Arms the faults of a header value unless this value was seen before.</summary>
    /// <param name="headerValue">The raw header value.</param>
    /// <exception cref="FormatException">The value does not follow the grammar.</exception>
    public void ArmFromHeader(string headerValue)
    {
        IReadOnlyList<FaultSpec> faults = FaultParser.Parse(headerValue);
        lock (_gate)
        {
            if (_seenHeaderValues.Add(headerValue.Trim()))
            {
                _armed.AddRange(faults.Select(static f => new ArmedFault(f)));
            }
        }
    }

    public FaultSpec? TakeRequestFault() => Take(static f => !f.IsStreamFault && !f.IsRunFault);

    public FaultSpec? TakeStreamFault() => Take(static f => f.IsStreamFault);

    public FaultSpec? TakeRunFault() => Take(static f => f.IsRunFault);

    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
            _seenHeaderValues.Clear();
        }
    }

    private FaultSpec? Take(Predicate<FaultSpec> kind)
    {
        lock (_gate)
        {
            int index = _armed.FindIndex(f => kind(f.Spec));
            if (index < 0)
            {
                return null;
            }

            ArmedFault fault = _armed[index];
            if (--fault.Remaining == 0)
            {
                _armed.RemoveAt(index);
            }

            return fault.Spec;
        }
    }

    private sealed class ArmedFault(FaultSpec spec)
    {
        public FaultSpec Spec { get; } = spec;

        public int Remaining { get; set; } = spec.Count;
    }
}
