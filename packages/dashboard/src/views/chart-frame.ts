import { h } from '../dom';

/**
 * A canvas in a sized frame. Canvas pixels say nothing to a screen reader, so the frame is an image with a written
 * summary; the same figures are in a table or text next to every chart.
 */
export function chartFrame(summary: string, size: 'tall' | 'short' = 'tall'): { frame: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', {});
  const frame = h('div', { class: `chart-frame chart-${size}`, role: 'img', 'aria-label': summary }, canvas);
  return { frame, canvas };
}
