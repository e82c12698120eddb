// Operators sign in with a configured account; the session cookie then opens the Orleans Dashboard.
const $ = id => document.getElementById(id);

$('sign-in').addEventListener('submit', async event => {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  const response = await fetch('/api/operators/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: $('name').value, password: $('password').value }),
  });
  if (response.ok) {
    location.assign('/dashboard/');
    return;
  }

  const problem = await response.json().catch(() => ({}));
  $('sign-in-error').textContent = `Sign-in failed: ${problem.detail ?? problem.title ?? response.status}`;
});
