/** The site's mode (offline, cross-origin isolated) in one line, and the notice of a new version. */
import { siteMode, useSite } from '../state/site-store';

export function SiteStatus() {
  const site = useSite();
  return (
    <>
      {site.update !== 'none' && (
        <div role="alert" className="notice site-update">
          {site.update === 'waiting' ? 'A new version is available.' : 'A new version took over in another tab: this page is older.'}{' '}
          <button type="button" onClick={() => site.applyUpdate()}>Reload</button>
        </div>
      )}
      <p className="site-mode">{siteMode(site)}</p>
    </>
  );
}
