/** The page's first Tab stop: "Skip to the map" takes the focus to the map's blocks (the selected one, else the first). */
export function SkipToMap() {
  return (
    <a
      className="skip-link"
      href="#map"
      onClick={(e) => {
        // (not through the address: the page's hash holds share links)
        e.preventDefault();
        const map = document.getElementById('map');
        (map?.querySelector<SVGElement>('.blocks [tabindex="0"]') ?? map?.querySelector('input'))?.focus();
      }}
    >
      Skip to the map
    </a>
  );
}
