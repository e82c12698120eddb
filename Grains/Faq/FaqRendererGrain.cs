using Orleans.Concurrency;

namespace Orbitalyntra.Faq;

[StatelessWorker]
public sealed class FaqRendererGrain : Grain, IFaqRendererGrain
{
    Task<string> IFaqRendererGrain.Render(string markdown) => Task.FromResult(FaqMarkdown.ToHtml(markdown));
}
