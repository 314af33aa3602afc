namespace Eval.Web.Charts;

/// <summary>
/// Plotly reads a subset of HTML in text and hover labels (&lt;a href&gt;, &lt;b&gt;, &lt;br&gt;) and decodes entities:
/// a model's name (the uploader's text) is escaped so it shows as typed, never as a link or markup.
/// </summary>
public static class ChartText
{
    public static string Plain(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
