/** The page behind the emailed link: reads ?token= and posts it with the new password. */
export const RESET_PASSWORD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Choose a new password · Puente</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;max-width:420px;margin:48px auto;padding:0 16px;color:#1c1917;line-height:1.5">
<h1 style="font-size:22px">Choose a new password</h1>
<form id="f"><label>New password (at least 10 characters)<br>
<input id="p" type="password" minlength="10" maxlength="200" required autocomplete="new-password" style="width:100%;padding:8px;font-size:16px"></label>
<p><button type="submit" style="padding:10px 16px;font-size:16px">Save</button></p></form>
<p id="m" role="status"></p>
<script>
document.getElementById('f').addEventListener('submit', async function (e) {
  e.preventDefault();
  var token = new URLSearchParams(location.search).get('token') || '';
  var res = await fetch(location.pathname.replace(/reset-password$/, 'auth/password-reset/confirm'), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: token, password: document.getElementById('p').value })
  });
  var body = await res.json().catch(function () { return {}; });
  document.getElementById('m').textContent = res.ok ? 'Your password has been changed. You can sign in now.'
    : [].concat(body.message || 'Something went wrong').join('; ');
});
</script></body></html>`;
