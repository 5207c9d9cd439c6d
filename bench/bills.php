<?php
/*
 * bills.php - the bench's PHP twin of the owner's bills page (issue 15):
 * GET /premises/N/bills[?status=unpaid][&page=N], part of the bench kit
 * only (make bench installs PHP-FPM 8.2 and runs this behind an nginx of
 * its own: bench/twin.sh), never of the product.
 *
 * It runs the statements the C page (cgi-bin/owner/bills.c) runs, in the
 * same order, on the same database, with the same cookie: the session by
 * the hashed token (web/auth.c; touched once a minute), the periods, the
 * page's lines, the owner's contacts of the footer (web/page.c), what is
 * owed (core/ledger.c) and what of it is past due (core/arrears.c) - and
 * renders the same bytes as templates/layout.tpl, owner/bills.tpl,
 * owner/contact.tpl and pager.tpl do. Written plainly, as a PHP page
 * would be: PDO with its default (emulated) prepares and one persistent
 * connection per worker. scripts/bench.sh refuses a ratio unless both
 * pages show the same figures.
 *
 * Only what the bench asks is carried over: a signed-in owner's page or
 * 404; no login redirect page, no elderly-mode nav differences beyond the
 * body class.
 */

const SQL_SESSION_OWNER =
    "SELECT s.id, s.user_id, s.csrf, o.name,"
    . " TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW()),"
    . " COALESCE(o.elder_mode, o.birth_year <= YEAR(CURDATE()) - 80, 0)"
    . " FROM sessions s JOIN owners o ON o.id = s.user_id"
    . " WHERE s.token_hash = ? AND s.kind = 'owner'"
    . " AND s.last_seen_at > NOW() - INTERVAL 30 MINUTE"
    . " AND s.created_at > NOW() - INTERVAL 12 HOUR";

const SQL_SESSION_TOUCH =
    "UPDATE sessions SET last_seen_at = NOW() WHERE id = ?";

const SQL_BILLS_PERIODS =
    "SELECT DISTINCT b.period_start FROM premises_owners po"
    . " JOIN bills b ON b.premises_id = po.premises_id"
    . " WHERE po.owner_id = ? AND po.premises_id = ?"
    . " AND (? = 0 OR b.status IN ('unpaid', 'partial'))"
    . " ORDER BY b.period_start DESC";

const BILLS_LINES =
    "SELECT pr.id, bd.name, pr.unit, pr.room, pr.occupancy,"
    . " b.id, b.period_start, b.period_months,"
    . " COALESCE((SELECT MAX(bdd.due_date) FROM bill_due_dates bdd"
    . " WHERE bdd.bill_id = b.id), b.due_date), fi.name,"
    . " b.amount_fen, (CASE b.status WHEN 'unpaid' THEN 0"
    . " WHEN 'paid' THEN b.amount_fen ELSE COALESCE((SELECT SUM(a.amount_fen)"
    . " FROM allocations a WHERE a.bill_id = b.id), 0) END), b.status,"
    . " COALESCE((SELECT w.amount_fen FROM waivers w WHERE w.bill_id = b.id), 0),"
    . " pfi.name, pb.period_start, pb.period_months"
    . " FROM premises_owners po JOIN premises pr ON pr.id = po.premises_id"
    . " JOIN buildings bd ON bd.id = pr.building_id"
    . " LEFT JOIN (bills b JOIN fee_items fi ON fi.id = b.fee_item_id)"
    . "  ON b.premises_id = ? AND b.period_start BETWEEN ? AND ?"
    . " AND (? = 0 OR b.status IN ('unpaid', 'partial'))"
    . " LEFT JOIN (bills pb JOIN fee_items pfi ON pfi.id = pb.fee_item_id)"
    . "  ON pb.id = b.late_of"
    . " WHERE po.owner_id = ? AND po.premises_id = ?";
const SQL_BILLS_LINES =
    BILLS_LINES . " ORDER BY b.period_start DESC, b.late_of <> 0, fi.sort, b.id";
const SQL_BILLS_LINES_OLDEST =
    BILLS_LINES . " ORDER BY b.period_start, b.late_of <> 0, fi.sort, b.id";

const SQL_OWNER_CONTACTS =
    "SELECT e.id, e.service_centre, e.phone, e.opening_hours,"
    . " bd.name, p.unit, p.room, p.occupancy,"
    . " COALESCE(s.name, ''), COALESCE(s.phone, '')"
    . " FROM premises_owners po JOIN premises p ON p.id = po.premises_id"
    . " JOIN buildings bd ON bd.id = p.building_id"
    . " JOIN estates e ON e.id = p.estate_id"
    . " LEFT JOIN assignments asg ON asg.premises_id = p.id"
    . " LEFT JOIN staff s ON s.id = asg.collector_id AND s.active = 1"
    . " WHERE po.owner_id = ? AND (? = 0 OR p.id = ?)"
    . " ORDER BY e.id, bd.sort, p.unit, p.room";

const OWED_SQL =
    "(CASE b.status WHEN 'unpaid' THEN b.amount_fen WHEN 'partial'"
    . " THEN b.amount_fen - COALESCE((SELECT SUM(a.amount_fen) FROM allocations a"
    . " WHERE a.bill_id = b.id), 0) - COALESCE((SELECT w.amount_fen FROM waivers w"
    . " WHERE w.bill_id = b.id), 0) ELSE 0 END)";
const DUE_SQL =
    "COALESCE((SELECT MAX(bdd.due_date) FROM bill_due_dates bdd"
    . " WHERE bdd.bill_id = b.id), b.due_date)";

const SQL_ACCOUNT =
    "SELECT COALESCE(SUM(x.owed), 0),"
    . " COALESCE(SUM(CASE WHEN x.due_date < ? THEN x.owed END), 0),"
    . " MIN(CASE WHEN x.due_date >= ? THEN x.due_date END), COUNT(*),"
    . " COALESCE((SELECT SUM(p.amount_fen) FROM payments p"
    . "  WHERE p.premises_id = ?), 0)"
    . " - COALESCE((SELECT SUM(a.amount_fen) FROM allocations a"
    . "  JOIN payments p ON p.id = a.payment_id WHERE p.premises_id = ?), 0)"
    . " FROM (SELECT " . DUE_SQL . " AS due_date, " . OWED_SQL . " AS owed"
    . "  FROM bills b WHERE b.premises_id = ?"
    . "  AND b.status IN ('unpaid', 'partial')) x";

const SQL_ARREARS_PREMISES =
    "SELECT COUNT(*), MIN(y.due), COALESCE(SUM(y.owed), 0),"
    . " COUNT(DISTINCT y.period_start),"
    . " COALESCE((SELECT DATE_FORMAT(MAX(dfr.ends_on), '%Y-%m-%d')"
    . "  FROM deferrals dfr WHERE dfr.premises_id = ?"
    . "  AND dfr.status = 'approved' AND dfr.starts_on <= ?"
    . "  AND dfr.ends_on > ?), '')"
    . " FROM (SELECT b.period_start, " . DUE_SQL . " AS due,"
    . "  " . OWED_SQL . " AS owed FROM bills b WHERE b.premises_id = ?"
    . "  AND b.status IN ('unpaid', 'partial') AND b.due_date < ?) y"
    . " WHERE y.due < ?";

const PER_PAGE = 12;
const PER_PAGE_OPEN = 24;

const NAV = [
    ['首页', '/'], ['缴费记录', '/payments'], ['电子收据', '/receipts'],
    ['报修', '/requests'], ['咨询', '/enquiries'], ['消息', '/messages'],
];

function fail(int $status, string $text): void
{
    http_response_code($status);
    header('Content-Type: text/plain; charset=utf-8');
    header('Cache-Control: no-store');
    echo $text, "\n";
    exit;
}

function db(): PDO
{
    static $db = null;

    if ($db === null) {
        $db = new PDO('mysql:unix_socket=' . getenv('TWIN_DB_SOCKET')
            . ';dbname=' . getenv('TWIN_DB_NAME') . ';charset=utf8mb4',
            getenv('TWIN_DB_USER'), getenv('TWIN_DB_PASSWORD'), [
                PDO::ATTR_PERSISTENT => true,
                PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_NUM,
                // the session the programs set (core/db.c), once a connection
                PDO::MYSQL_ATTR_INIT_COMMAND => "SET time_zone = '+08:00',"
                    . " tx_isolation = 'READ-COMMITTED', max_statement_time = 10",
            ]);
    }
    return $db;
}

/* Runs a statement; "i" and "s" in $types say how each argument binds. */
function q(string $sql, string $types, ...$args): PDOStatement
{
    $st = db()->prepare($sql);
    foreach ($args as $i => $v)
        $st->bindValue($i + 1, $v, $types[$i] === 'i' ? PDO::PARAM_INT : PDO::PARAM_STR);
    $st->execute();
    return $st;
}

/* As ctemplate's HTML auto-escaping writes text. */
function h(?string $s): string
{
    return strtr((string)$s, ['&' => '&amp;', '<' => '&lt;', '>' => '&gt;',
        '"' => '&quot;', "'" => '&#39;']);
}

/* Fen as yuan with thousands separators: 1,234.56 (core/money.c). */
function money(int $fen): string
{
    $u = abs($fen);
    return ($fen < 0 ? '-' : '') . number_format(intdiv($u, 100)) . '.'
        . sprintf('%02d', $u % 100);
}

function label_premises(string $building, ?string $unit, string $room, string $occ): string
{
    if ($occ === 'shop')
        return "$building{$room}号";
    if ($unit === null || $unit === '')
        return "$building{$room}室";
    return "$building{$unit}单元{$room}室";
}

function label_period(?string $start, int $months): string
{
    if ($start === null || sscanf($start, '%4d-%2d', $y, $m) !== 2)
        return '';
    if ($months === 3)
        return sprintf('%d年第%d季度', $y, intdiv($m - 1, 3) + 1);
    if ($months === 1)
        return sprintf('%d年%d月', $y, $m);
    return sprintf('%d年%d月起%d个月', $y, $m, $months);
}

function label_date(?string $s): string
{
    if ($s === null || sscanf($s, '%4d-%2d-%2d', $y, $m, $d) !== 3)
        return '';
    return sprintf('%d年%d月%d日', $y, $m, $d);
}

function label_bill_state(string $status, int $paid, int $waived): string
{
    if ($status === 'partial' && $waived > 0)
        return $paid > 0 ? '部分缴纳、部分减免' : '部分减免';
    return ['unpaid' => '未缴', 'partial' => '部分缴纳', 'paid' => '已缴清',
        'waived' => '已减免'][$status] ?? $status;
}

/* Whole months from one date to another (core/cal.c). */
function months_between(array $a, array $b): int
{
    $n = ($b[0] - $a[0]) * 12 + ($b[1] - $a[1]);
    if ($n > 0 && $b[2] < $a[2])
        $n--;
    elseif ($n < 0 && $b[2] > $a[2])
        $n++;
    return $n;
}

function months_words(int $n): string
{
    return $n < 1 ? '不足 1 个月' : "$n 个月";
}

function ymd(string $s): array
{
    return array_map('intval', explode('-', substr($s, 0, 10)));
}

function tel(string $phone): string
{
    return preg_replace('/(?!^\+)[^0-9]/', '', $phone);
}

/* The request: the route, its fields, the session. */
if (!preg_match('#^/premises/([0-9]+)/bills$#', parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH), $m))
    fail(404, '没有找到这个页面。');
$premises = (int)$m[1];
$status = $_GET['status'] ?? null;
$pagearg = $_GET['page'] ?? null;
if (($status !== null && $status !== 'all' && $status !== 'unpaid') ||
    ($pagearg !== null && (!ctype_digit($pagearg) || (int)$pagearg < 1 || (int)$pagearg > 100000)))
    fail(400, '请求有误。');
$unpaid = $status === 'unpaid' ? 1 : 0;
$page = $pagearg !== null ? (int)$pagearg : 1;
$per_page = $unpaid ? PER_PAGE_OPEN : PER_PAGE;

$token = $_COOKIE['pf_o'] ?? '';
if (!preg_match('/^[0-9a-f]{64}$/', $token))
    fail(403, '请先登录。');
$sess = q(SQL_SESSION_OWNER, 's', hash('sha256', $token))->fetch();
if ($sess === false)
    fail(403, '请先登录。');
[$sid, $owner, $csrf, $name, $age, $elder] = $sess;
if ((int)$age >= 60)
    q(SQL_SESSION_TOUCH, 'i', (int)$sid);
$owner = (int)$owner;

$now = new DateTime('now', new DateTimeZone('Asia/Shanghai'));
$today = [(int)$now->format('Y'), (int)$now->format('n'), (int)$now->format('j')];
$day = $now->format('Y-m-d');

/* The periods, then the page's lines. */
$starts = q(SQL_BILLS_PERIODS, 'iii', $owner, $premises, $unpaid)->fetchAll(PDO::FETCH_COLUMN);
$total = count($starts);
$first = $last = '0000-00-00';
$lo = ($page - 1) * $per_page;
$hi = min($lo + $per_page, $total);
if ($lo < $total) {
    if ($unpaid) {
        $first = $starts[$total - 1 - $lo];
        $last = $starts[$total - $hi];
    } else {
        $first = $starts[$hi - 1];
        $last = $starts[$lo];
    }
}
$lines = q($unpaid ? SQL_BILLS_LINES_OLDEST : SQL_BILLS_LINES, 'issiii', $premises,
    $first, $last, $unpaid, $owner, $premises)->fetchAll();
if (!$lines)
    fail(404, '没有找到这个页面。');
[$pid, $building, $unit, $room, $occ] = $lines[0];
$label = label_premises($building, $unit, $room, $occ);

/* The footer's contacts (web/page.c), as the layout asks them. */
$contacts = q(SQL_OWNER_CONTACTS, 'iii', $owner, 0, 0)->fetchAll();

/* The periods' cards: a period's late fees are a card of their own. */
$periods = [];
$p = null;
foreach ($lines as $l) {
    [, , , , , $id, $start, $months, $due, $item, $amount, $paid, $st, $waived,
        $late_item, $late_start, $late_months] = $l;
    if ($id === null)
        continue;
    $amount = (int)$amount;
    $paid = (int)$paid;
    $waived = (int)$waived;
    $latefees = $late_start !== null;
    if ($p === null || $p['start'] !== $start || $p['latefees'] !== $latefees) {
        if ($p !== null)
            $periods[] = $p;
        $p = ['start' => $start, 'due' => $due, 'latefees' => $latefees,
            'months' => (int)$months, 'amount' => 0, 'paid' => 0, 'open' => 0,
            'waived' => 0, 'owed' => 0, 'late' => false, 'bills' => []];
    }
    if (strcmp($due, $p['due']) < 0)
        $p['due'] = $due;
    $open = $st === 'unpaid' || $st === 'partial';
    $owed = $open ? $amount - $paid - $waived : 0;
    $p['amount'] += $amount;
    $p['paid'] += $paid;
    $p['open'] += $open ? 1 : 0;
    $p['waived'] += $waived;
    $p['owed'] += $owed;
    $late = null;
    if ($open && strcmp(substr($due, 0, 10), $day) < 0) {
        $late = max(0, months_between(ymd($due), $today));
        $p['late'] = true;
    }
    $p['bills'][] = [$id, $item, $amount, $paid, $waived, $owed, $open, $st,
        $late, $latefees ? label_period($late_start, (int)$late_months) . ' '
        . ($late_item ?? '') . '逾期' : null];
}
if ($p !== null)
    $periods[] = $p;

/* What is owed, and what of it is past due. */
[$owed_fen] = q(SQL_ACCOUNT, 'ssiii', $day, $day, $premises, $premises, $premises)->fetch();
[$nbills, $oldest, $pastdue_fen, $nperiods] =
    q(SQL_ARREARS_PREMISES, 'ississ', $premises, $day, $day, $premises, $day, $day)->fetch();
$owed_fen = (int)$owed_fen;

/* The page. */
$title = $unpaid ? '待缴账单' : '全部账单';
$o = [];
$o[] = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    . "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    . '<title>' . h($title) . " · 业主服务</title>\n"
    . "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
    . "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
    . "\n</head>\n<body class=\"app-owner" . ($elder ? ' elder' : '') . "\">\n"
    . "<header class=\"top\">\n<div class=\"bar\">\n"
    . "<a class=\"brand\" href=\"/\">业主服务</a>\n"
    . '<span class="who">' . h($name) . "</span>\n"
    . "<form class=\"logout\" method=\"post\" action=\"/logout\">\n"
    . '<input type="hidden" name="csrf" value="' . h($csrf) . "\">\n"
    . "<button type=\"submit\" class=\"link\">退出</button>\n</form>\n</div>\n"
    . "<nav class=\"menu\">\n";
$path = "/premises/$premises/bills";
$nav = '';
foreach (NAV as [$nl, $np])
    $nav .= '<a href="' . h($np) . '"' . ($np === $path || (strlen($np) > 1 &&
        strncmp($np, $path, strlen($np)) === 0) ? ' aria-current="page"' : '')
        . '>' . h($nl) . '</a>';
$o[] = "$nav\n</nav>\n</header>\n<main>\n";

$pl = h($label);
$o[] = "<p class=\"crumb\"><a href=\"/\">首页</a> › $pl</p>\n<h1>{$pl}的账单</h1>\n"
    . "<section class=\"card owed-summary\">\n"
    . '<p>待缴合计 <b class="amount big owed-total">¥' . money($owed_fen) . "</b></p>\n";
if ((int)$pastdue_fen > 0) {
    $o[] = "<div class=\"pastdue\" role=\"alert\">\n"
        . '<p class="pastdue-sum">其中逾期未缴 <span class="amount overdue-amount">¥'
        . money((int)$pastdue_fen) . "</span></p>\n"
        . '<p class="pastdue-months">已逾期 <b>'
        . h(months_words(max(0, months_between(ymd($oldest), $today))))
        . '</b>（最早一笔 ' . label_date($oldest) . ' 到期，共 <span class="pastdue-periods">'
        . (int)$nperiods . "</span> 期账单逾期未缴）</p>\n"
        . "<p class=\"pastdue-ask\">请尽快缴纳</p>\n</div>";
}
$o[] = "\n";
if ($owed_fen === 0)
    $o[] = '<p class="ok">没有待缴费用，谢谢您！</p>';
$o[] = "\n</section>\n<p class=\"tabs\">\n"
    . "<a href=\"/premises/$pid/bills?status=unpaid\"" . ($unpaid ? ' aria-current="page"' : '')
    . ">待缴</a>\n"
    . "<a href=\"/premises/$pid/bills\"" . ($unpaid ? '' : ' aria-current="page"')
    . ">全部</a>\n</p>\n";
/* A template line whose sections are hidden leaves its line end. */
$o[] = ($unpaid ? '<p class="muted">待缴账单按时间先后排列，最早的在前。</p>' : '') . "\n"
    . ($total === 0 && $unpaid ? '<p class="card ok">没有待缴账单，费用已全部缴清。</p>' : '') . "\n"
    . ($total === 0 && !$unpaid ? '<p class="card">还没有账单。</p>' : '') . "\n";
foreach ($periods as $p) {
    $open = $p['open'] > 0;
    $key = $p['latefees'] ? substr($p['start'], 0, 7) . '-latefee' : substr($p['start'], 0, 7);
    $plabel = label_period($p['start'], $p['months']) . ($p['latefees'] ? ' 滞纳金' : '');
    $state = label_bill_state($open ? ($p['paid'] > 0 || $p['waived'] > 0 ? 'partial'
        : 'unpaid') : ($p['waived'] > 0 ? 'waived' : 'paid'), $p['paid'], $p['waived']);
    $o[] = '<section class="card statement state-' . ($open ? 'open' : 'closed')
        . '" data-period="' . h($key) . "\">\n"
        . '<details' . ($open ? ' open' : '') . ">\n"
        . '<summary><h2><span class="period">' . h($plabel) . '</span> <span class="state">'
        . h($state) . '</span>' . ($p['late'] ? ' <span class="late">已逾期</span>' : '')
        . '</h2> ' . ($open ? '<span class="amount period-owed">尚欠 ¥' . money($p['owed'])
        . '</span>' : '<span class="amount">¥' . money($p['amount']) . '</span>')
        . "</summary>\n"
        . '<p class="meta">合计 <b class="amount">¥' . money($p['amount']) . '</b> · 已缴 ¥'
        . money($p['paid']) . ($p['waived'] > 0 ? ' · 已减免 ¥' . money($p['waived']) : '')
        . ($open ? ' · 尚欠 <b class="amount">¥' . money($p['owed']) . '</b>' : '')
        . ' · 截止 ' . label_date($p['due']) . "</p>\n<ul class=\"bills\">\n";
    foreach ($p['bills'] as [$id, $item, $amount, $paid, $waived, $owed, $bopen, $st, $late, $late_of]) {
        $o[] = '<li class="bill status-' . h($st) . "\">\n<a href=\"/bills/$id\">\n"
            . '<span class="item">' . h($item) . ($late_of !== null
            ? '<small class="late-of">（' . h($late_of) . '）</small>' : '') . "</span>\n"
            . '<span class="amount">¥' . money($amount) . "</span>\n"
            . '<span class="status">' . h(label_bill_state($st, $paid, $waived))
            . ($late !== null ? ' · <b class="late">已逾期 ' . h(months_words($late)) . '</b>' : '')
            . "</span>\n"
            . '<span class="meta">已缴 ¥' . money($paid)
            . ($waived > 0 ? ' · 已减免 ¥' . money($waived) : '')
            . ($bopen ? ' · 尚欠 <span class="owed">¥' . money($owed) . '</span>' : '')
            . "</span>\n</a>\n</li>\n";
    }
    $o[] = "</ul>\n</details>\n</section>\n";
}
$pages = $total === 0 ? 1 : intdiv($total + $per_page - 1, $per_page);
$base = "/premises/$pid/bills" . ($unpaid ? '?status=unpaid' : '');
$sep = $unpaid ? '&' : '?';
$o[] = "<nav class=\"pager\" aria-label=\"翻页\">\n"
    . ($page > 1 ? '<a class="button" href="' . h("$base{$sep}page=" . ($page - 1))
    . '" rel="prev">上一页</a>' : '') . "\n"
    . "<span>第 $page / $pages 页，共 <b class=\"total\">$total</b> 条</span>\n"
    . ($page < $pages ? '<a class="button" href="' . h("$base{$sep}page=" . ($page + 1))
    . '" rel="next">下一页</a>' : '') . "\n"
    . "</nav>\n";
if ($unpaid)
    $o[] = "<p class=\"more\"><a class=\"button wide\" href=\"/premises/$pid/bills\">查看已缴清的账单</a></p>";
$o[] = "\n</main>\n<footer class=\"foot\">\n<div class=\"contact\">\n";
$last_estate = 0;
foreach ($contacts as [$estate, $centre, $phone, $hours, $cb, $cu, $cr, $co, $collector, $cphone]) {
    if ((int)$estate !== $last_estate) {
        $o[] = '<p class="centre"><b>' . h($centre) . "</b></p>\n";
        $o[] = ($phone !== '' ? '<p><a class="tel button" href="tel:' . h(tel($phone))
            . '">☎ 服务中心电话 <span class="nowrap">' . h($phone) . '</span></a></p>' : '')
            . "\n" . ($hours !== '' ? '<p class="hours">服务时间：' . h($hours) . '</p>' : '')
            . "\n";
        $last_estate = (int)$estate;
    }
    $o[] = '<p class="collector">' . h(label_premises($cb, $cu, $cr, $co)) . '的收费员：'
        . ($collector !== '' ? '<b>' . h($collector) . '</b>' : '尚未指定，请致电服务中心')
        . ($collector !== '' && $cphone !== '' ? ' <a class="tel" href="tel:' . h(tel($cphone))
        . '">' . h($cphone) . '</a>' : '') . "</p>\n";
}
$o[] = "</div>\n" . ($contacts ? '' : '如有疑问，请联系小区物业服务中心。') . "\n"
    . "\n</footer>\n</body>\n</html>\n";

header('Content-Type: text/html; charset=utf-8');
header('Content-Security-Policy: default-src \'self\'; frame-ancestors \'none\'; base-uri \'none\'; form-action \'self\'');
header('X-Content-Type-Options: nosniff');
header('X-Frame-Options: DENY');
header('Referrer-Policy: same-origin');
header('Cache-Control: no-store');
$body = implode('', $o);
header('Content-Length: ' . strlen($body));
echo $body;
