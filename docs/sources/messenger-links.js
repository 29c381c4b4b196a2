/* Messenger links that carry the visitor's Metrica ClientId (Metrica Relay, docs/sources/messenger-links.md).
   Put it after Metrica's tag and replace 12345678 with your counter number. */
(function (counter) {
  // the link's host and the parameter its bot reads: Telegram and MAX ?start=, VK ?ref=
  var param = {'t.me': 'start', 'telegram.me': 'start', 'max.ru': 'start', 'vk.me': 'ref'};
  // https://<host>/<bot or community>[?query][#hash]; invites (t.me/+…) and longer paths are left alone
  var link = /^(https?:\/\/(?:www\.)?)([a-z.]+)(\/[A-Za-z0-9_.-]+)\/?(?:\?([^#]*))?(#.*)?$/i;
  function rewrite(clientId) {
    if (!/^\d{17,20}$/.test(String(clientId))) return; // no ClientId (yet): the links stay as they are
    var links = document.getElementsByTagName('a');
    for (var i = 0; i < links.length; i++) {
      var m = link.exec(links[i].getAttribute('href') || '');
      var name = m && param[m[2].toLowerCase()];
      if (!name) continue;
      var query = (m[4] || '').split('&').filter(function (p) { return p && p.split('=')[0] !== name; });
      query.unshift(name + '=ym' + clientId); // other parameters (VK's ref_source) stay
      links[i].setAttribute('href', m[1] + m[2] + m[3] + '?' + query.join('&') + (m[5] || ''));
    }
  }
  var cookie = /(?:^|;\s*)_ym_uid=(\d+)/.exec(document.cookie);
  if (cookie) rewrite(cookie[1]); // at once, and also when an ad blocker stops the tag
  if (typeof window.ym === 'function') window.ym(counter, 'getClientID', rewrite); // the tag's own, once it knows it
})(12345678);
