{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{#OWNER}}业主服务{{/OWNER}}{{#STAFF}}物业收费管理{{/STAFF}}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{{#REFRESH}}<meta http-equiv="refresh" content="{{REFRESH_SECONDS}}">{{/REFRESH}}
</head>
<body class="app-{{APP}}{{#ELDER}} elder{{/ELDER}}">
<header class="top">
<div class="bar">
<a class="brand" href="{{PREFIX}}/">{{#OWNER}}业主服务{{/OWNER}}{{#STAFF}}物业收费管理{{/STAFF}}</a>
{{#SIGNED_IN}}
<span class="who">{{USER_NAME}}</span>
<form class="logout" method="post" action="{{PREFIX}}/logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link">退出</button>
</form>
{{/SIGNED_IN}}
</div>
{{#SIGNED_IN}}
<nav class="menu">
{{#NAV}}<a href="{{NAV_URL}}"{{#NAV_CURRENT}} aria-current="page"{{/NAV_CURRENT}}>{{NAV_LABEL}}</a>{{/NAV}}
</nav>
{{/SIGNED_IN}}
</header>
<main>
{{>BODY}}
</main>
<footer class="foot">
{{>CONTACT}}
{{#OWNER_HELP}}如有疑问，请联系小区物业服务中心。{{/OWNER_HELP}}
{{#STAFF}}propfee 物业收费管理{{/STAFF}}
</footer>
</body>
</html>
