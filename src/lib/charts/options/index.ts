// The option builders by name, so a page can hand an island plain JSON (`{ builder, input }`)
// and the island builds the option in the browser with the formatter's functions.
import type { EChartsCoreOption } from 'echarts/core';
import { cartesianOption, type CartesianInput } from './cartesian.ts';

export { cartesianOption, type CartesianInput, type SeriesInput } from './cartesian.ts';

export interface ChartSpec {
  builder: 'cartesian';
  input: CartesianInput;
}

export function buildOption(spec: ChartSpec): EChartsCoreOption {
  switch (spec.builder) {
    case 'cartesian':
      return cartesianOption(spec.input);
  }
}
