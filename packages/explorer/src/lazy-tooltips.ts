// Tooltips worked out when shown, not on every redraw: the report's charts give most mark items a
// tooltip of a dozen formatted numbers (a hover layer's rule per month, and its Voronoi cell again),
// which Vega would evaluate for every item each time a kept view takes new values.
import { View, type TooltipHandler } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';

/** A mark item as the encoders see it (Vega's scenegraph items are plain objects). */
type Item = Record<string, unknown>;
/** An item's encoder: sets its channels, returns whether any changed. */
type Encoder = (item: Item, params: unknown) => boolean | number;

/** What an item's `tooltip` holds until it is shown: the item's tooltip worked out by the mark's encoder. */
type LaterTooltip = (item: Item) => unknown;

/** A mark's encoding as Vega gives it to the interpreter: its mark type and its channels' expressions. */
interface Encoding {
  channels: Record<string, unknown>;
}

/** vega-interpreter's encoder of `encoding` (its typings say `any`). */
const encoderOf = (ctx: unknown, encoding: Encoding): Encoder => expressionInterpreter.encode(ctx, encoding) as Encoder;

/**
 * vega-interpreter, except that a mark's `tooltip` channel is not evaluated with the mark's other
 * channels: each item's `tooltip` is set to a function that evaluates it (vega-interpreter's own
 * encoder for that channel alone, with the parameters of the latest encoding) and the tooltip handler
 * of LazyTooltipView calls it when the pointer shows it. Every other channel, so everything drawn, is
 * encoded as vega-interpreter encodes it; a tooltip shown is the value it would have computed.
 */
export const lazyTooltipInterpreter: typeof expressionInterpreter = {
  ...expressionInterpreter,
  encode(ctx: unknown, encoding: Encoding): Encoder {
    const { tooltip, ...channels } = encoding.channels;
    if (tooltip === undefined) return encoderOf(ctx, encoding);
    const others = encoderOf(ctx, { ...encoding, channels });
    // The channel alone: no x2, y2, xc or yc among its channels, so no spatial adjustment either.
    const tooltipOnly = encoderOf(ctx, { ...encoding, channels: { tooltip } });
    // One function per encoding's parameters, shared by its items: it works out the tooltip with the
    // parameters of the encoding that set it (each call's `params` is its own binding).
    let latestParams: unknown;
    let later: LaterTooltip | undefined;
    return (item, params) => {
      if (later === undefined || params !== latestParams) {
        latestParams = params;
        later = (shown) => {
          tooltipOnly(shown, params);
          return shown['tooltip'];
        };
      }
      item['tooltip'] = later;
      return others(item, params);
    };
  },
};

/** The tooltip a handler is given: worked out now if it was left for later. */
const shownTooltip = (item: Item, value: unknown): unknown => (typeof value === 'function' ? (value as LaterTooltip)(item) : value);

/**
 * A Vega view whose tooltip handler (vega-embed's, set before the view first runs) is given the
 * tooltip lazyTooltipInterpreter left for later, worked out for the item shown. The item a handler
 * gets is the one whose `tooltip` it shows (for a Voronoi cell, the cell: its tooltip reads the item
 * under it).
 */
export class LazyTooltipView extends View {
  override tooltip(handler: TooltipHandler): this {
    // Without a handler, vega-view's tooltip() returns the one set (its own handler setup asks so).
    if (handler === undefined) return (super.tooltip as unknown as () => this).call(this);
    return super.tooltip((h, event, item, value) => handler(h, event, item, shownTooltip(item as unknown as Item, value)));
  }
}
