// tmpl.cc - the one binding between C and ctemplate.
// Every entry point catches C++ exceptions: none may cross into C.

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <set>
#include <string>

#include <ftw.h>

#include <ctemplate/template.h>

extern "C" {
#include "arena.h"
#include "log.h"
#include "tmpl.h"
}

using ctemplate::TemplateDictionary;

static const char kPragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";
// Filled by tmpl_init() at start-up, before any thread; read-only after
// (the template cache is frozen then too).
static std::string root;
static std::set<std::string> loaded;

static TemplateDictionary *
D(struct tmpl *t)
{
	return reinterpret_cast<TemplateDictionary *>(t);
}

static int
load_one(const char *path, const struct stat *, int type, struct FTW *)
{
	if (type != FTW_F)
		return 0;
	std::string p(path);
	if (p.size() < 4 || p.compare(p.size() - 4, 4, ".tpl") != 0)
		return 0;
	std::string rel = p.substr(root.size() + 1);

	std::ifstream f(path);
	std::string first;
	std::getline(f, first);
	if (first.compare(0, sizeof(kPragma) - 1, kPragma) != 0)
		log_fatal("tmpl_init: %s: first line must be %s", rel.c_str(),
		    kPragma);
	if (!ctemplate::LoadTemplate(rel, ctemplate::STRIP_BLANK_LINES))
		log_fatal("tmpl_init: %s: does not parse", rel.c_str());
	loaded.insert(rel);
	return 0;
}

extern "C" void
tmpl_init(const char *dir)
{
	try {
		root = dir;
		while (root.size() > 1 && root[root.size() - 1] == '/')
			root.erase(root.size() - 1);
		ctemplate::mutable_default_template_cache()->
		    SetTemplateRootDirectory(root);
		if (nftw(root.c_str(), load_one, 16, FTW_PHYS) != 0)
			log_fatal("tmpl_init: cannot read %s", root.c_str());
		if (loaded.empty())
			log_fatal("tmpl_init: no templates in %s", root.c_str());
		ctemplate::mutable_default_template_cache()->Freeze();
	} catch (const std::exception &e) {
		log_fatal("tmpl_init: %s", e.what());
	}
}

static void
dict_delete(void *p)
{
	delete reinterpret_cast<TemplateDictionary *>(p);
}

extern "C" struct tmpl *
tmpl_new(struct arena *a)
{
	try {
		TemplateDictionary *d = new TemplateDictionary("page");
		arena_defer(a, dict_delete, d);
		return reinterpret_cast<struct tmpl *>(d);
	} catch (const std::exception &e) {
		log_fatal("tmpl_new: %s", e.what());
	}
}

extern "C" void
tmpl_set(struct tmpl *t, const char *key, const char *val)
{
	try {
		D(t)->SetValue(key, val ? val : "");
	} catch (const std::exception &e) {
		log_warnx("tmpl_set: %s: %s", key, e.what());
	}
}

extern "C" void
tmpl_setf(struct tmpl *t, const char *key, const char *fmt, ...)
{
	char	 small[256];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	try {
		if ((size_t)n < sizeof(small)) {
			D(t)->SetValue(key, small);
			return;
		}
		std::string big((size_t)n + 1, '\0');
		va_start(ap, fmt);
		vsnprintf(&big[0], big.size(), fmt, ap);
		va_end(ap);
		big.resize((size_t)n);
		D(t)->SetValue(key, big);
	} catch (const std::exception &e) {
		log_warnx("tmpl_setf: %s: %s", key, e.what());
	}
}

extern "C" void
tmpl_set_int(struct tmpl *t, const char *key, int64_t v)
{
	tmpl_setf(t, key, "%lld", (long long)v);
}

extern "C" void
tmpl_set_global(struct tmpl *t, const char *key, const char *val)
{
	try {
		D(t)->SetTemplateGlobalValue(key, val ? val : "");
	} catch (const std::exception &e) {
		log_warnx("tmpl_set_global: %s: %s", key, e.what());
	}
}

extern "C" void
tmpl_show(struct tmpl *t, const char *section)
{
	try {
		D(t)->ShowSection(section);
	} catch (const std::exception &e) {
		log_warnx("tmpl_show: %s: %s", section, e.what());
	}
}

extern "C" struct tmpl *
tmpl_row(struct tmpl *t, const char *section)
{
	try {
		return reinterpret_cast<struct tmpl *>(
		    D(t)->AddSectionDictionary(section));
	} catch (const std::exception &e) {
		log_fatal("tmpl_row: %s: %s", section, e.what());
	}
}

extern "C" struct tmpl *
tmpl_include(struct tmpl *t, const char *name, const char *file)
{
	try {
		TemplateDictionary *c = D(t)->AddIncludeDictionary(name);
		c->SetFilename(file);
		return reinterpret_cast<struct tmpl *>(c);
	} catch (const std::exception &e) {
		log_fatal("tmpl_include: %s: %s", name, e.what());
	}
}

namespace {
// Appends straight into the request's response buffer.
class BufEmitter : public ctemplate::ExpandEmitter {
	struct buf *out_;
 public:
	explicit BufEmitter(struct buf *out) : out_(out) {}
	void Emit(char c) { buf_putc(out_, c); }
	void Emit(const std::string &s) { buf_add(out_, s.data(), s.size()); }
	void Emit(const char *s) { buf_puts(out_, s); }
	void Emit(const char *s, size_t n) { buf_add(out_, s, n); }
};
}

extern "C" int
tmpl_expand(const char *file, struct tmpl *t, struct buf *out)
{
	try {
		BufEmitter e(out);
		if (!ctemplate::ExpandTemplate(file,
		    ctemplate::STRIP_BLANK_LINES, D(t), &e)) {
			log_warnx("tmpl_expand: %s failed", file);
			return -1;
		}
		return 0;
	} catch (const std::exception &e) {
		log_warnx("tmpl_expand: %s: %s", file, e.what());
		return -1;
	}
}

extern "C" int
tmpl_exists(const char *file)
{
	return loaded.count(file) > 0;
}
