/** Answered at /dashboard when the web app was never built: the API and client routes work regardless. */
export const missingBuildPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>OmniRoute: dashboard not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:10vh auto;padding:0 16px;line-height:1.5}code{background:#8882;padding:2px 6px;border-radius:4px}</style></head>
<body>
<h1>The dashboard is not built yet</h1>
<p>OmniRoute is running: the API at <code>/v1</code> and the management API at <code>/api</code> work as usual.
To use the dashboard, build it once and reload this page:</p>
<p><code>npm run build</code> (or start with <code>npm start</code>, which builds what is missing)</p>
</body>
</html>
`;
