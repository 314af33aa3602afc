using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios;

/// <summary>
/// What scenario.yaml cannot say about records: a small named class (data.transform.name) that turns one source
/// record into zero or more records with the fields the instance templates read.
/// </summary>
public interface IRecordTransform
{
    IEnumerable<JsonObject> Apply(JsonObject record);
}
