// A uPlot line chart that follows its data: created once, fed new columns on every render.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#4ea1ff', '#ff7a59', '#3ccf91', '#c58cff', '#ffd166'];

export function Chart(props: { title: string; series: string[]; data: number[][]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = box.current!;
    plot.current = new uPlot(
      {
        title: props.title,
        width: el.clientWidth || 400,
        height: props.height ?? 180,
        series: [
          {},
          ...props.series.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 2 })),
        ],
        axes: [{ stroke: '#aaa' }, { stroke: '#aaa' }],
      },
      props.data as uPlot.AlignedData,
      el,
    );
    const onResize = () => plot.current?.setSize({ width: el.clientWidth, height: props.height ?? 180 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.current?.destroy();
    };
  }, [props.series.join('|')]);
  useEffect(() => plot.current?.setData(props.data as uPlot.AlignedData), [props.data]);
  return <div class="chart" ref={box} />;
}
