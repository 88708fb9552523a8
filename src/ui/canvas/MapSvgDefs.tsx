/** The map's shared SVG definitions: the plot's clip path and the hatch patterns of free window space and holes. */
export function MapSvgDefs({ plotW, height }: { plotW: number; height: number }) {
  return (
    <defs>
      <clipPath id="plot-clip">
        <rect x={0} y={0} width={plotW} height={height} />
      </clipPath>
      <pattern id="hatch-free" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} className="hatch-free-bg" />
        <line x1={0} y1={0} x2={0} y2={6} className="hatch-free-line" />
      </pattern>
      <pattern id="hatch-hole" width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <rect width={5} height={5} className="hatch-hole-bg" />
        <line x1={0} y1={0} x2={0} y2={5} className="hatch-hole-line" />
      </pattern>
    </defs>
  );
}
