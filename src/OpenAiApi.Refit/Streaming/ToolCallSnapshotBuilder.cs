using System.Text;
using System.Text.Json;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>One tool call of a run step being streamed: function arguments and code are appended, code interpreter outputs merged by
/// index (logs appended), file search details and unknown calls replaced by the latest fragment.</summary>
internal sealed class ToolCallSnapshotBuilder
{
    private readonly StringBuilder _text = new(); // function arguments or code interpreter input
    private readonly SortedDictionary<int, OutputBuilder> _outputs = [];
    private string _id = string.Empty;
    private string? _name;
    private string? _output;
    private FileSearchToolCallDetails? _fileSearch;
    private RunStepToolCall? _whole;
    private JsonElement? _raw;
    private IDictionary<string, JsonElement>? _additionalProperties;
    private IDictionary<string, JsonElement>? _detailsAdditionalProperties;

    private ToolCallSnapshotBuilder(string type)
    {
        Type = type;
    }

    public string Type { get; }

    public string Id => _id;

    /// <summary>Starts from a whole tool call (of a full run step snapshot).</summary>
    public static ToolCallSnapshotBuilder From(RunStepToolCall call)
    {
        var builder = new ToolCallSnapshotBuilder(call.Type) { _id = call.Id, _additionalProperties = call.AdditionalProperties };
        switch (call)
        {
            case FunctionToolCall function:
                builder._name = function.Function?.Name;
                builder._text.Append(function.Function?.Arguments);
                builder._output = function.Function?.Output;
                builder._detailsAdditionalProperties = function.Function?.AdditionalProperties;
                break;
            case CodeInterpreterToolCall code:
                builder._text.Append(code.CodeInterpreter?.Input);
                builder._detailsAdditionalProperties = code.CodeInterpreter?.AdditionalProperties;
                IReadOnlyList<CodeInterpreterOutput> outputs = code.CodeInterpreter?.Outputs ?? [];
                for (int i = 0; i < outputs.Count; i++)
                {
                    builder._outputs[i] = OutputBuilder.From(outputs[i]);
                }

                break;
            case FileSearchToolCall fileSearch:
                builder._fileSearch = fileSearch.FileSearch;
                break;
            default:
                builder._whole = call;
                break;
        }

        return builder;
    }

    /// <summary>Starts an empty tool call of the fragment's type.</summary>
    public static ToolCallSnapshotBuilder For(RunStepDeltaToolCall fragment) => new(fragment.Type);

    /// <summary>Applies one fragment of the same index.</summary>
    public void Apply(RunStepDeltaToolCall fragment, DeltaIndexGuard guard)
    {
        if (!string.IsNullOrEmpty(fragment.Id))
        {
            _id = fragment.Id;
        }

        if (fragment.AdditionalProperties is { Count: > 0 })
        {
            _additionalProperties = fragment.AdditionalProperties;
        }

        switch (fragment)
        {
            case FunctionToolCallDelta function:
                _name = function.Function?.Name ?? _name;
                _text.Append(function.Function?.Arguments);
                _output = function.Function?.Output ?? _output;
                if (function.Function?.AdditionalProperties is { Count: > 0 } functionExtra)
                {
                    _detailsAdditionalProperties = functionExtra;
                }

                break;
            case CodeInterpreterToolCallDelta code:
                _text.Append(code.CodeInterpreter?.Input);
                if (code.CodeInterpreter?.AdditionalProperties is { Count: > 0 } codeExtra)
                {
                    _detailsAdditionalProperties = codeExtra;
                }

                foreach (CodeInterpreterOutputDelta output in code.CodeInterpreter?.Outputs ?? [])
                {
                    int index = output.Index is { } i ? guard.Check(i, "a code interpreter output") : guard.Next(_outputs, "a code interpreter output");
                    if (!_outputs.TryGetValue(index, out OutputBuilder? builder) || builder.Type != output.Type)
                    {
                        builder = new OutputBuilder(output.Type);
                        _outputs[index] = builder;
                    }

                    builder.Apply(output);
                }

                break;
            case FileSearchToolCallDelta fileSearch when fileSearch.FileSearch is { } details:
                _fileSearch = _fileSearch is null
                    ? details
                    : new FileSearchToolCallDetails
                    {
                        RankingOptions = details.RankingOptions ?? _fileSearch.RankingOptions,
                        Results = details.Results.Count > 0 ? details.Results : _fileSearch.Results,
                        AdditionalProperties = details.AdditionalProperties ?? _fileSearch.AdditionalProperties,
                    };
                break;
            case UnknownRunStepDeltaToolCall unknown:
                _raw = unknown.RawJson;
                _whole = null;
                break;
        }
    }

    /// <summary>Builds the tool call as it stands.</summary>
    public RunStepToolCall Build() => _whole ?? Type switch
    {
        "function" => new FunctionToolCall
        {
            Id = _id,
            Function = new FunctionToolCallDetails { Name = _name, Arguments = _text.ToString(), Output = _output, AdditionalProperties = _detailsAdditionalProperties },
            AdditionalProperties = _additionalProperties,
        },
        "code_interpreter" => new CodeInterpreterToolCall
        {
            Id = _id,
            CodeInterpreter = new CodeInterpreterToolCallDetails
            {
                Input = _text.ToString(),
                Outputs = [.. _outputs.Values.Select(static output => output.Build())],
                AdditionalProperties = _detailsAdditionalProperties,
            },
            AdditionalProperties = _additionalProperties,
        },
        "file_search" => new FileSearchToolCall { Id = _id, FileSearch = _fileSearch ?? new FileSearchToolCallDetails(), AdditionalProperties = _additionalProperties },
        _ => new UnknownRunStepToolCall(Type, _raw ?? default),
    };

    /// <summary>One code interpreter output: logs appended, an image or an unknown output replaced.</summary>
    private sealed class OutputBuilder(string type)
    {
        private readonly StringBuilder _logs = new();
        private CodeInterpreterImageFile? _image;
        private CodeInterpreterOutput? _whole;
        private JsonElement? _raw;
        private IDictionary<string, JsonElement>? _additionalProperties;

        public string Type { get; } = type;

        public static OutputBuilder From(CodeInterpreterOutput output)
        {
            var builder = new OutputBuilder(output.Type) { _additionalProperties = output.AdditionalProperties };
            switch (output)
            {
                case CodeInterpreterLogsOutput logs:
                    builder._logs.Append(logs.Logs);
                    break;
                case CodeInterpreterImageOutput image:
                    builder._image = image.Image;
                    break;
                default:
                    builder._whole = output;
                    break;
            }

            return builder;
        }

        public void Apply(CodeInterpreterOutputDelta fragment)
        {
            if (fragment.AdditionalProperties is { Count: > 0 })
            {
                _additionalProperties = fragment.AdditionalProperties;
            }

            switch (fragment)
            {
                case CodeInterpreterLogsOutputDelta logs:
                    _logs.Append(logs.Logs);
                    break;
                case CodeInterpreterImageOutputDelta image:
                    _image = image.Image ?? _image;
                    break;
                case UnknownCodeInterpreterOutputDelta unknown:
                    _raw = unknown.RawJson;
                    _whole = null;
                    break;
            }
        }

        public CodeInterpreterOutput Build() => _whole ?? Type switch
        {
            "logs" => new CodeInterpreterLogsOutput { Logs = _logs.ToString(), AdditionalProperties = _additionalProperties },
            "image" => new CodeInterpreterImageOutput { Image = _image, AdditionalProperties = _additionalProperties },
            _ => new UnknownCodeInterpreterOutput(Type, _raw ?? default),
        };
    }
}
