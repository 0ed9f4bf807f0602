import type { User } from '@auth0/nextjs-auth0/types';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { Avatar } from '@/components/avatar';

/** The signed-in user's name and picture, opening a menu with Profile and Log out. */
export function UserMenu({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const name = user.name ?? user.email ?? 'Signed in';

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div ref={containerRef} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pr-3 pl-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
      >
        <Avatar src={user.picture} name={name} />
        <span className="max-w-[10rem] truncate">{name}</span>
        <span className="sr-only">: open the user menu</span>
      </button>
      {open && (
        <ul
          id={menuId}
          className="absolute right-0 z-10 mt-2 w-56 overflow-hidden rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          <li className="truncate border-b border-slate-100 px-4 py-2 text-slate-500">
            {user.email}
          </li>
          <li>
            <Link
              href="/profile"
              onClick={() => setOpen(false)}
              className="block px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
            >
              Profile
            </Link>
          </li>
          <li>
            {/* A full page load: logout ends the session at the app and at Auth0. */}
            <a
              href="/auth/logout"
              className="block px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
            >
              Log out
            </a>
          </li>
        </ul>
      )}
    </div>
  );
}
